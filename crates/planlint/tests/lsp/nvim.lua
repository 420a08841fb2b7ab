-- Neovim's built-in LSP client against `planlint server` (run by tests/lsp.rs):
-- open a plan, wait for planlint's diagnostics, write them as `code line col end_col` lines
-- (0-based, byte columns as Neovim keeps them) to $OUT, and quit.
local bin = os.getenv("PLANLINT_BIN")
local plan = os.getenv("PLAN")
local out = os.getenv("OUT")
vim.cmd("edit " .. vim.fn.fnameescape(plan))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = "planlint",
  cmd = { bin, "server" },
  root_dir = vim.fn.fnamemodify(plan, ":h:h"),
})
vim.lsp.buf_attach_client(buf, id)
vim.wait(10000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(lines, string.format("%s %d %d %d", d.code or d.user_data and d.user_data.lsp.code or "?", d.lnum, d.col, d.end_col))
end
table.sort(lines)
local f = io.open(out, "w")
f:write(table.concat(lines, "\n"))
f:write("\n")
f:close()
vim.lsp.stop_client(id)
vim.cmd("qa!")
