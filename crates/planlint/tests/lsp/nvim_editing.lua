-- Neovim's built-in LSP client (0.7, no file watchers) against `planlint server`, as a user
-- edits (run by tests/lsp.rs): the project's planlint.toml is broken; the error must be shown,
-- the plan still linted, and formatting must give the safe fixes. Writes to $OUT:
-- `message <type> <text>` for each window/showMessage, `diagnostic <code>` for each finding,
-- then `text` and the buffer's lines after formatting.
local bin = os.getenv("PLANLINT_BIN")
local plan = os.getenv("PLAN")
local out = os.getenv("OUT")
local lines = {}
vim.lsp.handlers["window/showMessage"] = function(_, result)
  table.insert(lines, string.format("message %d %s", result.type, result.message))
end
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
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(lines, "diagnostic " .. tostring(d.code or (d.user_data and d.user_data.lsp.code)))
end
vim.lsp.buf.formatting_sync(nil, 5000)
table.insert(lines, "text")
for _, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  table.insert(lines, l)
end
local f = io.open(out, "w")
f:write(table.concat(lines, "\n"))
f:write("\n")
f:close()
vim.lsp.stop_client(id)
vim.cmd("qa!")
