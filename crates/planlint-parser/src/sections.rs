//! Section names: normalisation of headings and the built-in names, aliases and translations.
//!
//! A heading names a known section when, after normalisation (case, leading number, `&`/`and`,
//! trailing colon, plural, a parenthesised or `/`-joined addition), it equals one of the section's
//! names or begins with one as whole words (for CJK text, as leading characters). This module knows
//! names only; which sections a plan must have is the rule engine's business.

// Keys here are fixed aliases or a bounded memo's: a fast hash, no flooding to fear.
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use schemars::JsonSchema;
use serde::Serialize;

/// A section the ExecPlan dialects know by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    Metadata,
    Purpose,
    Context,
    Constraints,
    PlanOfWork,
    ConcreteSteps,
    Validation,
    Progress,
    Surprises,
    DecisionLog,
    Outcomes,
    Idempotence,
    Artifacts,
    Interfaces,
    Status,
}

// Names and aliases of each section, already written in normalised form (see
// [`normalize_name`]).
const METADATA_ALIASES: &[&str] = &[
    "metadata",
    "meta data",
    "メタデータ",
    "元数据",
    "메타데이터",
    "metadatos",
    "metadados",
];
const PURPOSE_ALIASES: &[&str] = &[
    "purpose big picture",
    "purpose",
    "big picture",
    "goal",
    "objective",
    "overview",
    "目的",
    "目标",
    "目標",
    "목적",
    "큰 그림",
    "propósito",
    "proposito",
    "objetivo",
];
const CONTEXT_ALIASES: &[&str] = &[
    "context and orientation",
    "context",
    "orientation",
    "コンテキストと概要",
    "コンテキスト",
    "背景",
    "上下文",
    "맥락",
    "현재 맥락",
    "contexto",
];
const CONSTRAINTS_ALIASES: &[&str] = &[
    "constraints and assumptions",
    "constraints",
    "制約",
    "约束",
    "제약",
    "restricciones",
    "restrições",
];
const PLAN_OF_WORK_ALIASES: &[&str] = &[
    "plan of work",
    "work plan",
    "作業計画",
    "工作计划",
    "작업 계획",
    "plan de trabajo",
    "plano de trabalho",
];
const CONCRETE_STEPS_ALIASES: &[&str] = &[
    "concrete steps",
    "具体的な手順",
    "具体步骤",
    "구체적 실행 단계",
    "구체적 단계",
    "pasos concretos",
    "passos concretos",
];
const VALIDATION_ALIASES: &[&str] = &[
    "validation and acceptance",
    "validation",
    "verification",
    "verification and acceptance",
    "検証と受け入れ",
    "検証",
    "验证与验收",
    "验证",
    "검증",
    "validación",
    "validacion",
    "validação",
    "validacao",
];
const PROGRESS_ALIASES: &[&str] = &[
    "progress",
    "progress log",
    "current progress",
    "進捗",
    "进度",
    "进展",
    "진행 상황",
    "진행",
    "progreso",
    "progresso",
];
const SURPRISES_ALIASES: &[&str] = &[
    "surprises and discoveries",
    "surprises",
    "驚きと発見",
    "驚き",
    "意外与发现",
    "意外",
    "예상 밖 발견",
    "놀라움",
    "sorpresas",
    "surpresas",
    "hallazgos",
    "descobertas",
];
const DECISION_LOG_ALIASES: &[&str] = &[
    "decision log",
    "decisions",
    "decision",
    "決定ログ",
    "決定事項",
    "决策日志",
    "决策记录",
    "决策",
    "결정 로그",
    "결정",
    "registro de decisiones",
    "registro de decisões",
    "registro de decisoes",
    "decisiones",
    "decisões",
];
const OUTCOMES_ALIASES: &[&str] = &[
    "outcomes and retrospective",
    "outcomes",
    "outcome",
    "results",
    "lessons learned",
    "retrospective",
    "結果と反省",
    "結果",
    "结果与复盘",
    "结果与回顾",
    "结果",
    "결과 및 회고",
    "결과",
    "resultados",
    "retrospectiva",
];
const IDEMPOTENCE_ALIASES: &[&str] = &[
    "idempotence and recovery",
    "idempotence",
    "冪等性と復旧",
    "冪等性",
    "幂等性与恢复",
    "幂等性",
    "반복 실행 안전성",
    "멱등성",
    "idempotencia",
    "idempotência",
];
const ARTIFACTS_ALIASES: &[&str] = &[
    "artifacts and notes",
    "artifacts",
    "artefacts",
    "アーティファクトとメモ",
    "アーティファクト",
    "产物与备注",
    "产物",
    "산출물",
    "artefactos",
    "artefatos",
];
const INTERFACES_ALIASES: &[&str] = &[
    "interfaces and dependencies",
    "interfaces",
    "インターフェースと依存関係",
    "インターフェース",
    "接口与依赖",
    "接口",
    "인터페이스",
    "interfaces y dependencias",
];
const STATUS_ALIASES: &[&str] = &["status", "状态", "状態", "ステータス", "상태", "estado"];

impl SectionKind {
    /// Every kind, in declaration order.
    pub const ALL: [SectionKind; 15] = [
        SectionKind::Metadata,
        SectionKind::Purpose,
        SectionKind::Context,
        SectionKind::Constraints,
        SectionKind::PlanOfWork,
        SectionKind::ConcreteSteps,
        SectionKind::Validation,
        SectionKind::Progress,
        SectionKind::Surprises,
        SectionKind::DecisionLog,
        SectionKind::Outcomes,
        SectionKind::Idempotence,
        SectionKind::Artifacts,
        SectionKind::Interfaces,
        SectionKind::Status,
    ];

    /// The canonical spelling used in messages.
    pub fn canonical_name(self) -> &'static str {
        match self {
            SectionKind::Metadata => "Metadata",
            SectionKind::Purpose => "Purpose / Big Picture",
            SectionKind::Context => "Context and Orientation",
            SectionKind::Constraints => "Constraints and Assumptions",
            SectionKind::PlanOfWork => "Plan of Work",
            SectionKind::ConcreteSteps => "Concrete Steps",
            SectionKind::Validation => "Validation and Acceptance",
            SectionKind::Progress => "Progress",
            SectionKind::Surprises => "Surprises & Discoveries",
            SectionKind::DecisionLog => "Decision Log",
            SectionKind::Outcomes => "Outcomes & Retrospective",
            SectionKind::Idempotence => "Idempotence and Recovery",
            SectionKind::Artifacts => "Artifacts and Notes",
            SectionKind::Interfaces => "Interfaces and Dependencies",
            SectionKind::Status => "Status",
        }
    }

    /// The spelling the numbered dialect uses (`Surprises & discoveries`, …).
    pub fn numbered_name(self) -> &'static str {
        match self {
            SectionKind::Metadata => "Metadata",
            SectionKind::Purpose => "Purpose and big picture",
            SectionKind::Context => "Context and orientation",
            SectionKind::Constraints => "Constraints and assumptions",
            SectionKind::PlanOfWork => "Plan of work",
            SectionKind::ConcreteSteps => "Concrete steps",
            SectionKind::Validation => "Validation and acceptance",
            SectionKind::Progress => "Progress",
            SectionKind::Surprises => "Surprises & discoveries",
            SectionKind::DecisionLog => "Decision log",
            SectionKind::Outcomes => "Outcomes & retrospective",
            SectionKind::Idempotence => "Idempotence & recovery",
            SectionKind::Artifacts => "Artifacts and notes",
            SectionKind::Interfaces => "Interfaces and dependencies",
            SectionKind::Status => "Status",
        }
    }

    /// Names and aliases, already written in normalised form (see [`normalize_name`]).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            SectionKind::Metadata => METADATA_ALIASES,
            SectionKind::Purpose => PURPOSE_ALIASES,
            SectionKind::Context => CONTEXT_ALIASES,
            SectionKind::Constraints => CONSTRAINTS_ALIASES,
            SectionKind::PlanOfWork => PLAN_OF_WORK_ALIASES,
            SectionKind::ConcreteSteps => CONCRETE_STEPS_ALIASES,
            SectionKind::Validation => VALIDATION_ALIASES,
            SectionKind::Progress => PROGRESS_ALIASES,
            SectionKind::Surprises => SURPRISES_ALIASES,
            SectionKind::DecisionLog => DECISION_LOG_ALIASES,
            SectionKind::Outcomes => OUTCOMES_ALIASES,
            SectionKind::Idempotence => IDEMPOTENCE_ALIASES,
            SectionKind::Artifacts => ARTIFACTS_ALIASES,
            SectionKind::Interfaces => INTERFACES_ALIASES,
            SectionKind::Status => STATUS_ALIASES,
        }
    }
}

/// Names of the same section in other words and languages, for the sections plans often have
/// that are none of the known ones: a spec that requires `対象範囲` is met by `## Scope`, one that
/// requires `Done When` by `## 完了条件`. Written as people write them; compared as
/// [`normalize_name`] leaves them.
const SYNONYMS: &[&[&str]] = &[
    &[
        "scope",
        "scope and boundaries",
        "in scope",
        "対象範囲",
        "作業範囲",
        "範囲",
        "スコープ",
        "范围",
        "工作范围",
        "범위",
        "작업 범위",
        "alcance",
        "escopo",
    ],
    &[
        "non goals",
        "out of scope",
        "対象外",
        "スコープ外",
        "非目标",
        "不在范围内",
        "비목표",
        "범위 외",
        "fuera de alcance",
        "fora do escopo",
    ],
    &[
        "done when",
        "definition of done",
        "completion criteria",
        "exit criteria",
        "完了条件",
        "完了の定義",
        "完成标准",
        "完成条件",
        "완료 조건",
        "완료 기준",
        "criterios de finalización",
        "criterios de finalizacion",
        "critérios de conclusão",
    ],
    &[
        "assumptions",
        "prerequisites",
        "前提",
        "前提条件",
        "假设",
        "전제",
        "전제 조건",
        "supuestos",
        "requisitos previos",
        "premissas",
    ],
    &[
        "task breakdown",
        "task",
        "step",
        "work breakdown",
        "作業手順",
        "タスク",
        "任务拆解",
        "任务分解",
        "작업 단계",
        "작업",
        "태스크",
    ],
    // The files a change touches, listed before it is made.
    &[
        "files to change",
        "files",
        "planned files",
        "affected files",
        "changed files",
        "files changed",
        "files in scope",
        "files touched",
        "file map",
        "変更ファイル",
        "対象ファイル",
        "变更文件",
        "涉及文件",
        "변경 파일",
        "archivos a cambiar",
        "arquivos alterados",
    ],
    // A log of the checkpoints kept in version control, named after whichever tool keeps them:
    // a template that asks for a `JJ Snapshot Log` is met by the `Git Checkpoint Log` of a
    // repository that moved to git.
    &[
        "checkpoint log",
        "snapshot log",
        "commit log",
        "git checkpoint log",
        "git snapshot log",
        "git commit log",
        "jj checkpoint log",
        "jj snapshot log",
        "jj commit log",
    ],
    &[
        "risks",
        "risks and mitigations",
        "リスク",
        "风险",
        "위험",
        "리스크",
        "riesgos",
        "riscos",
    ],
];

/// [`SYNONYMS`] as [`normalize_name`] leaves them (`risks` → `risk`), worked out once: a
/// heading's normalised name is compared with these.
static NORMALIZED_SYNONYMS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    SYNONYMS
        .iter()
        .map(|group| group.iter().map(|name| normalize_name(name)).collect())
        .collect()
});

/// The other names of a section that is none of the known ones (see [`SYNONYMS`]), given its
/// normalised name, normalised the same way; empty when it has none.
pub fn synonyms(norm: &str) -> &'static [String] {
    NORMALIZED_SYNONYMS
        .iter()
        .find(|group| group.iter().any(|name| name == norm))
        .map_or(&[], Vec::as_slice)
}

/// Normalise a heading or section name for comparison: strip Markdown emphasis and a leading
/// number, lowercase, `&` → `and`, fold white space, drop a trailing colon, and singularise each
/// word. `/` is kept as a separate token so callers can split on it.
pub fn normalize_name(raw: &str) -> String {
    let text = strip_number(raw.trim()).0;
    let mut out = Words {
        out: String::with_capacity(text.len() + 8),
        word_start: 0,
        space: false,
    };
    for ch in text.chars() {
        match ch {
            'A'..='Z' => out.push(ch.to_ascii_lowercase()),
            'a'..='z' | '0'..='9' => out.push(ch),
            '*' | '`' | '_' | '"' | '“' | '”' => {}
            '&' | '＆' => out.push_str(" and "),
            '/' | '／' => out.push_str(" / "),
            '(' | '（' => out.push_str(" ( "),
            ')' | '）' => out.push_str(" ) "),
            ':' | '：' | '.' | '。' | '-' | '–' | '—' | ',' | '、' | '|' => out.push(' '),
            c if c.is_whitespace() => out.push(' '),
            c if c.is_ascii() => out.push(c),
            c => c.to_lowercase().for_each(|l| out.push(l)),
        }
    }
    out.finish()
}

/// Builds a normalised name in one pass: white space folds to single spaces between words,
/// none at either end, and each word is made singular as it ends.
struct Words {
    out: String,
    word_start: usize,
    /// A space is owed before the next word.
    space: bool,
}

impl Words {
    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.end_word();
            return;
        }
        if self.space {
            self.out.push(' ');
            self.space = false;
            self.word_start = self.out.len();
        }
        self.out.push(c);
    }

    fn push_str(&mut self, s: &str) {
        s.chars().for_each(|c| self.push(c));
    }

    fn end_word(&mut self) {
        if self.out.len() > self.word_start {
            let keep = singular(&self.out[self.word_start..]).len();
            self.out.truncate(self.word_start + keep);
            self.space = true;
            self.word_start = self.out.len();
        }
    }

    fn finish(mut self) -> String {
        self.end_word();
        self.out
    }
}

fn singular(word: &str) -> &str {
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && word.is_ascii() {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// Split a leading section number off a heading: `7. Progress` → (`Progress`, Some(7)). Accepts
/// `7.`, `7)`, `7:`, `07`, `1.2` (number 1) and fullwidth digits.
pub fn strip_number(raw: &str) -> (&str, Option<u32>) {
    let s = raw.trim_start_matches(['*', '_']);
    let digits: usize = s
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit())
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    if digits == 0 || digits > 3 {
        return (raw, None);
    }
    let number = s[..digits].parse::<u32>().ok();
    let mut rest = &s[digits..];
    // `1.2` sub-numbers: keep the first component only.
    while let Some(r) = rest.strip_prefix('.') {
        let sub = r.chars().take_while(|c| c.is_ascii_digit()).count();
        if sub == 0 {
            rest = r;
            break;
        }
        rest = &r[sub..];
    }
    let rest = rest
        .strip_prefix(')')
        .or_else(|| rest.strip_prefix(':'))
        .or_else(|| rest.strip_prefix('、'))
        .unwrap_or(rest);
    let rest = rest.trim_start_matches(['*', '_']);
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        // `2026-02-20 Launch…` or `3D models`: a number that is not a section number.
        return (raw, None);
    }
    (rest.trim_start(), number)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// The known section a heading names, if any.
pub fn classify(raw_heading: &str) -> Option<SectionKind> {
    classify_normalized(&normalize_name(raw_heading))
}

/// [`classify`] for an already normalised name.
pub fn classify_normalized(norm: &str) -> Option<SectionKind> {
    classify_detail(norm).map(|(k, _)| k)
}

/// The known section a normalised name names, and whether it names it exactly (as opposed to
/// beginning with its name, like `Validation Gates`).
pub fn classify_detail(norm: &str) -> Option<(SectionKind, bool)> {
    if norm.is_empty() {
        return None;
    }
    // The whole name, without `/` separators.
    let flat = if norm.contains('/') {
        let flat = norm.split(" / ").collect::<Vec<_>>().join(" ");
        std::borrow::Cow::Owned(flat.replace(" /", "").replace("/ ", ""))
    } else {
        std::borrow::Cow::Borrowed(norm)
    };
    if let Some(k) = exact(&flat) {
        return Some((k, true));
    }
    // Names that are a section only as the whole heading: `## Why` says what the plan is for,
    // `## Why not a cache` weighs an alternative.
    if matches!(&*flat, "why" | "why this matter" | "why it matter") {
        return Some((SectionKind::Purpose, true));
    }
    // Without a parenthesised addition, then each `/`-joined part on its own.
    let main = norm.split(" ( ").next().unwrap_or(norm).trim();
    for part in main.split(" / ").map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(k) = exact(part) {
            return Some((k, true));
        }
    }
    // A name that begins with a section's name or alias as whole words (longest alias wins).
    let first = main.split(" / ").next().unwrap_or(main).trim();
    prefix(first)
        .map(|k| (k, false))
        .or_else(|| qualified(first).map(|k| (k, false)))
}

/// A living section named with a qualifier in front (`Key decisions`, `Major adopted
/// decisions`, `Architectural outcomes`): words that only rank or label the record, never ones
/// that change what it is (`Open decisions`, `Expected outcomes` are not).
fn qualified(norm: &str) -> Option<SectionKind> {
    const QUALIFIERS: &[&str] = &[
        "key",
        "major",
        "main",
        "adopted",
        "architectural",
        "architecture",
        "technical",
        "design",
        "final",
        "important",
        "notable",
        "recorded",
        "implementation",
        "completed",
        "useful",
        "accepted",
        "resolved",
        "past",
        "destructive",
        "breaking",
    ];
    // The same in Chinese and Japanese, written without a space: `关键决策`, `有用决策`,
    // `主要な決定`.
    const CJK_QUALIFIERS: &[&str] = &[
        "关键",
        "有用",
        "主要",
        "重要",
        "最终",
        "设计",
        "技术",
        "架构",
        "已采纳",
        "重要な",
        "主要な",
        "設計",
        "技術",
        "最終",
    ];
    const CJK_RECORDS: &[(&str, SectionKind)] = &[
        ("决策", SectionKind::DecisionLog),
        ("決定", SectionKind::DecisionLog),
        ("结果", SectionKind::Outcomes),
        ("結果", SectionKind::Outcomes),
    ];
    for (record, kind) in CJK_RECORDS {
        if let Some(head) = norm.strip_suffix(record) {
            if CJK_QUALIFIERS.contains(&head.trim()) {
                return Some(*kind);
            }
        }
    }
    // Words that make decisions something other than a record of those taken.
    const NOT_TAKEN: &[&str] = &[
        "open",
        "pending",
        "proposed",
        "future",
        "outstanding",
        "remaining",
        "unresolved",
        "upcoming",
        "expected",
        "deferred",
        "needed",
        "required",
    ];
    let words: Vec<&str> = norm.split(' ').collect();
    let (last, before) = words.split_last()?;
    if before.is_empty() {
        return None;
    }
    let labels = before.len() <= 3 && before.iter().all(|w| QUALIFIERS.contains(w));
    match *last {
        "decision" if labels => Some(SectionKind::DecisionLog),
        // Decisions of one topic (`Durable recovery and authorization decisions`) are the
        // record too, unless a word says they are yet to be taken.
        "decision" if before.len() <= 6 && !before.iter().any(|w| NOT_TAKEN.contains(w)) => {
            Some(SectionKind::DecisionLog)
        }
        "outcome" if labels => Some(SectionKind::Outcomes),
        // `Shipped goal`, `Main goal`: the plan's purpose.
        "goal" if labels || (before.len() == 1 && before[0] == "shipped") => {
            Some(SectionKind::Purpose)
        }
        // `Existing Context`, `Current context`, `Project context`: the plan's context.
        "context"
            if labels
                || (before.len() == 1
                    && matches!(
                        before[0],
                        "existing" | "current" | "background" | "project" | "codebase"
                    )) =>
        {
            Some(SectionKind::Context)
        }
        _ => None,
    }
}

/// A heading's normalised name and what it names ([`normalize_name`] then [`classify_detail`]),
/// remembered per thread: a folder of plans repeats the same few dozen headings thousands of
/// times, and a lookup costs a tenth of working them out again. The memo is bounded, so odd
/// headings cannot grow it without limit; it is a pure function's cache, so the answers are
/// the same with or without it.
pub fn name_and_kind(raw_title: &str) -> (String, Option<(SectionKind, bool)>) {
    type Memo = HashMap<Box<str>, (Box<str>, Option<(SectionKind, bool)>)>;
    const MEMO_LIMIT: usize = 4096;
    thread_local! {
        static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(HashMap::default());
    }
    MEMO.with(|memo| {
        if let Some((name, kind)) = memo.borrow().get(raw_title) {
            return (name.to_string(), *kind);
        }
        let name = normalize_name(raw_title);
        let kind = classify_detail(&name);
        let mut memo = memo.borrow_mut();
        if memo.len() < MEMO_LIMIT {
            memo.insert(raw_title.into(), (name.as_str().into(), kind));
        }
        (name, kind)
    })
}

/// Every alias of every kind, normalised once: as a map for exact lookups (the first kind to
/// claim an alias keeps it), and the aliases that begin with a CJK character (which match as
/// a plain prefix, without a word boundary) in declaration order.
struct Aliases {
    map: HashMap<String, SectionKind>,
    cjk: Vec<(String, SectionKind)>,
}

static ALIASES: LazyLock<Aliases> = LazyLock::new(|| {
    let mut map = HashMap::default();
    let mut cjk = Vec::new();
    for kind in SectionKind::ALL {
        for alias in kind.aliases() {
            let alias = normalize_alias(alias);
            if alias.chars().next().is_some_and(is_cjk) {
                cjk.push((alias.clone(), kind));
            }
            map.entry(alias).or_insert(kind);
        }
    }
    Aliases { map, cjk }
});

fn exact(name: &str) -> Option<SectionKind> {
    ALIASES.map.get(name).copied()
}

fn normalize_alias(alias: &str) -> String {
    // Aliases are written normalised already, except for plural folding.
    alias.split(' ').map(singular).collect::<Vec<_>>().join(" ")
}

/// The kind of the longest alias that `name` begins with: as whole words, or for an alias that
/// begins with a CJK character, as a plain prefix. Two aliases of one length that both begin
/// `name` are the same text, so the map's first claimant is the one a scan would find first.
fn prefix(name: &str) -> Option<SectionKind> {
    let mut best: Option<(usize, SectionKind)> = None;
    let word_ends = name
        .match_indices(' ')
        .map(|(i, _)| i)
        .chain(std::iter::once(name.len()));
    for end in word_ends {
        if let Some(kind) = exact(&name[..end]) {
            best = Some((end, kind));
        }
    }
    if name.chars().next().is_some_and(is_cjk) {
        for (alias, kind) in &ALIASES.cjk {
            if name.starts_with(alias.as_str()) && best.is_none_or(|(len, _)| alias.len() > len) {
                best = Some((alias.len(), *kind));
            }
        }
    }
    best.map(|(_, k)| k)
}

/// How close `heading` is to the name of `kind` (0.0–1.0), for "did you mean" hints on typos.
pub fn similarity(heading_norm: &str, kind: SectionKind) -> f64 {
    kind.aliases()
        .iter()
        .map(|a| strsim::normalized_levenshtein(heading_norm, &normalize_alias(a)))
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionKind::*;

    #[test]
    fn headings_classify_across_shapes() {
        let cases = [
            ("9. Surprises & discoveries", Some(Surprises)),
            ("Surprises & Discoveries", Some(Surprises)),
            ("Progress (Update First)", Some(Progress)),
            ("Progress / 진행 상황", Some(Progress)),
            ("Progress (进度)", Some(Progress)),
            ("Purpose / Big Picture / 목적 / 큰 그림", Some(Purpose)),
            ("Purpose and observable behavior", Some(Purpose)),
            ("Progress Snapshot", Some(Progress)),
            ("目的与用户价值", Some(Purpose)),
            ("Outcome and retrospective", Some(Outcomes)),
            ("Goals", Some(Purpose)),
            ("Decisions", Some(DecisionLog)),
            ("Lessons Learned", Some(Outcomes)),
            ("進捗", Some(Progress)),
            ("決定ログ", Some(DecisionLog)),
            ("结果与复盘", Some(Outcomes)),
            ("Context And Orientation", Some(Context)),
            ("12. Idempotence & recovery", Some(Idempotence)),
            ("1) Metadata", Some(Metadata)),
            ("0. Metadata:", Some(Metadata)),
            ("Registro de decisiones", Some(DecisionLog)),
            ("Suprises & Discoveries", None),
            ("Scope and Non-Goals", None),
            // A common rename: reporting Progress missing beside it would be a false alarm.
            ("Current Progress", Some(Progress)),
            ("Progressive rollout", None),
            // A qualifier in front that only labels the record.
            ("Key decisions", Some(DecisionLog)),
            ("Major adopted decisions", Some(DecisionLog)),
            ("Architectural outcomes", Some(Outcomes)),
            // One that changes what it is does not.
            ("Open decisions", None),
            ("Useful Decisions", Some(DecisionLog)),
            ("Destructive Decisions", Some(DecisionLog)),
            (
                "Durable recovery and authorization decisions",
                Some(DecisionLog),
            ),
            ("Pending decisions", None),
            ("Shipped goal", Some(Purpose)),
            ("Main goal", Some(Purpose)),
            ("Non-goals", None),
            ("Stretch goals", None),
            ("Why", Some(Purpose)),
            ("Why not a cache", None),
            ("Verification", Some(Validation)),
            ("有用决策", Some(DecisionLog)),
            ("关键决策", Some(DecisionLog)),
            ("主要な決定", Some(DecisionLog)),
            ("待定决策", None),
            ("Expected outcomes", None),
            ("Overview", Some(Purpose)),
            ("Architecture overview", None),
            ("Existing Context", Some(Context)),
            ("Current context", Some(Context)),
            ("Missing context", None),
        ];
        for (heading, want) in cases {
            assert_eq!(classify(heading), want, "{heading}");
        }
    }

    /// Plural and hyphenated names find their group as normalising leaves them (`Risks` is
    /// `risk`, `Non-Goals` is `non goal`).
    #[test]
    fn synonyms_are_found_for_plural_names() {
        for (name, other) in [
            ("Risks", "リスク"),
            ("Assumptions", "Prerequisites"),
            ("Non-Goals", "Out of scope"),
            ("Risks and Mitigations", "Risks"),
            ("Steps", "Task Breakdown"),
            ("Files to change", "Planned files"),
        ] {
            let group = synonyms(&normalize_name(name));
            assert!(
                group.contains(&normalize_name(other)),
                "{name} → {other}: {group:?}"
            );
        }
        assert!(synonyms(&normalize_name("Glossary")).is_empty());
    }

    #[test]
    fn numbers_are_split_off() {
        assert_eq!(strip_number("7. Progress"), ("Progress", Some(7)));
        assert_eq!(strip_number("0) Goal"), ("Goal", Some(0)));
        assert_eq!(
            strip_number("2026-02-20 Launch"),
            ("2026-02-20 Launch", None)
        );
        assert_eq!(strip_number("Progress"), ("Progress", None));
        assert_eq!(strip_number("1.2 Sub"), ("Sub", Some(1)));
    }

    /// The straightforward forms of [`normalize_name`] and [`prefix`]: the fast ones must agree
    /// with them on any input.
    mod reference {
        use super::super::*;

        pub fn normalize_name(raw: &str) -> String {
            let text = strip_number(raw.trim()).0;
            let mut out = String::new();
            for ch in text.chars() {
                match ch {
                    '*' | '`' | '_' | '"' | '“' | '”' => {}
                    '&' | '＆' => out.push_str(" and "),
                    '/' | '／' => out.push_str(" / "),
                    '(' | '（' => out.push_str(" ( "),
                    ')' | '）' => out.push_str(" ) "),
                    ':' | '：' | '.' | '。' | '-' | '–' | '—' | ',' | '、' | '|' => {
                        out.push(' ')
                    }
                    c if c.is_whitespace() => out.push(' '),
                    c => out.extend(c.to_lowercase()),
                }
            }
            out.split_whitespace()
                .map(singular)
                .collect::<Vec<_>>()
                .join(" ")
        }

        pub fn prefix(name: &str) -> Option<SectionKind> {
            let mut best: Option<(usize, SectionKind)> = None;
            for kind in SectionKind::ALL {
                for alias in kind.aliases().iter().map(|a| normalize_alias(a)) {
                    let hit = if alias.chars().next().is_some_and(is_cjk) {
                        name.starts_with(alias.as_str())
                    } else {
                        name.strip_prefix(alias.as_str())
                            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
                    };
                    if hit && best.is_none_or(|(len, _)| alias.len() > len) {
                        best = Some((alias.len(), kind));
                    }
                }
            }
            best.map(|(_, k)| k)
        }
    }

    /// Heading-like text: alias words, punctuation the normaliser treats specially, CJK,
    /// plurals, odd white space.
    fn heading() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let alias = proptest::sample::select(
            SectionKind::ALL
                .iter()
                .flat_map(|k| k.aliases().iter().copied())
                .collect::<Vec<_>>(),
        )
        .prop_map(str::to_string);
        let piece = prop_oneof![
            4 => alias,
            2 => "[A-Za-z]{1,8}s?",
            1 => proptest::sample::select(vec![
                " ", "  ", "\t", "&", "/", "／", "(", ")", "（", "）", ":", "：", ".", "-", "—",
                ",", "、", "|", "*", "`", "_", "\"", "“", "ss", "S", "7. ", "1) ", "İ", "ß",
                "Σ", "\u{3000}", "進捗", "진행", "é",
            ])
            .prop_map(str::to_string),
        ];
        proptest::collection::vec(piece, 0..8).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #[test]
        fn normalize_name_matches_the_reference(raw in heading()) {
            proptest::prop_assert_eq!(normalize_name(&raw), reference::normalize_name(&raw));
        }

        #[test]
        fn the_memo_answers_as_the_functions_do(raw in heading()) {
            let want = (normalize_name(&raw), classify_detail(&normalize_name(&raw)));
            // The first call works it out, the second finds it in the memo.
            proptest::prop_assert_eq!(&name_and_kind(&raw), &want);
            proptest::prop_assert_eq!(&name_and_kind(&raw), &want);
        }

        #[test]
        fn prefix_matches_the_reference(raw in heading()) {
            let norm = normalize_name(&raw);
            proptest::prop_assert_eq!(prefix(&norm), reference::prefix(&norm));
            let first = norm.split(" / ").next().unwrap_or("");
            proptest::prop_assert_eq!(prefix(first), reference::prefix(first));
        }
    }

    #[test]
    fn typo_is_close() {
        assert!(similarity(&normalize_name("Suprises & Discoveries"), Surprises) > 0.9);
    }
}
