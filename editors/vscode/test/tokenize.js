// Tokenizes the shipped examples and the standard library with the TextMate engine VS
// Code uses (vscode-textmate, with Oniguruma compiled to WebAssembly) and the extension's
// grammar, then checks that keywords, names, strings, numbers and comments get the
// scopes themes colour, and that no word is left without a scope.
//
//   npm ci && node test/tokenize.js

const fs = require("fs");
const path = require("path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const root = path.resolve(__dirname, "..", "..", "..");
const wasm = fs.readFileSync(path.join(path.dirname(require.resolve("vscode-oniguruma")), "onig.wasm")).buffer;

const registry = new vsctm.Registry({
  onigLib: oniguruma.loadWASM(wasm).then(() => ({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  })),
  loadGrammar: async (scopeName) => {
    if (scopeName !== "source.regard") return null;
    const file = path.join(__dirname, "..", "syntaxes", "regard.tmLanguage.json");
    return vsctm.parseRawGrammar(fs.readFileSync(file, "utf8"), file);
  },
});

function files() {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".regard")) found.push(full);
    }
  };
  walk(path.join(root, "examples"));
  walk(path.join(root, "stdlib"));
  return found.sort();
}

/// Every token of a file: its text and its innermost scope.
function tokenize(grammar, text) {
  const tokens = [];
  let state = vsctm.INITIAL;
  text.split("\n").forEach((line, lineNo) => {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) {
      tokens.push({ line: lineNo + 1, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

const expectations = [
  // [file, token text, scope it must have, which occurrence (0 = first)]
  ["examples/riverside.regard", "council", "storage.type.regard"],
  ["examples/riverside.regard", "riverside", "entity.name.declaration.regard"],
  ["examples/riverside.regard", "Riverside Metropolitan Borough Council", "string.quoted.double.regard"],
  ["examples/riverside.regard", "\"", "punctuation.definition.string.begin.regard"],
  ["examples/riverside.regard", "officer", "storage.type.regard"],
  ["examples/riverside.regard", "chief_executive", "entity.name.declaration.regard"],
  ["examples/riverside.regard", "holds", "keyword.other.regard"],
  ["examples/riverside.regard", "ChiefExecutive", "entity.name.type.regard"],
  ["examples/riverside.regard", "reports_to", "keyword.other.relation.regard"],
  ["examples/fenmarsh.regard", "member_of", "keyword.other.relation.regard"],
  ["stdlib/dcs_lmcs_2013.regard", "reports_to", "keyword.other.relation.regard"],
  ["stdlib/dcs_lmcs_2013.regard", "responsible_for", "keyword.other.relation.regard"],
  ["stdlib/dcs_lmcs_2013.regard", "education", "variable.other.regard"],
  ["examples/riverside.regard", "follows", "keyword.other.regard"],
  ["examples/riverside.regard", "// Riverside Metropolitan Borough Council: a mayoral authority whose arrangements meet", "comment.line.double-slash.regard"],
  ["examples/riverside.regard", "/// A metropolitan borough with a directly elected Mayor and a cabinet.", "comment.line.documentation.regard"],
  ["examples/fenmarsh.regard", "dated", "keyword.other.regard"],
  ["examples/fenmarsh.regard", "2026-09-15", "constant.numeric.date.regard"],
  ["examples/fenmarsh.regard", "assurance", "storage.type.regard"],
  ["examples/fenmarsh.regard", "child_protection", "variable.other.regard"],
  ["examples/harbourside.regard", "depart", "keyword.other.regard"],
  ["examples/harbourside.regard", "because", "keyword.other.regard"],
  ["examples/harbourside.regard", "first_director_role", "variable.other.regard"],
  ["examples/joint/millbrook.regard", "shared", "keyword.other.regard"],
  ["examples/joint/millbrook.regard", "with", "keyword.other.regard"],
  ["stdlib/dcs_lmcs_2013.regard", "should", "keyword.control.modality.regard"],
  ["stdlib/dcs_lmcs_2013.regard", "must", "keyword.control.modality.regard"],
  ["stdlib/dcs_lmcs_2013.regard", "unless", "keyword.operator.logical.regard"],
  ["stdlib/dcs_lmcs_2013.regard", "statutory", "constant.language.regard"],
  ["stdlib/dcs_lmcs_2013.regard", "12", "constant.numeric.regard"],
  ["stdlib/dcs_lmcs_2013.regard", "months", "keyword.other.unit.regard"],
  ["stdlib/dcs_lmcs_2013.regard", "rule", "storage.type.regard"],
  ["stdlib/dcs_lmcs_2013.regard", "dcs_appointed", "entity.name.declaration.regard"],
  ["stdlib/vocabulary.regard", "relation", "storage.type.regard"],
  ["stdlib/vocabulary.regard", "->", "punctuation.separator.arrow.regard"],
];

(async () => {
  const grammar = await registry.loadGrammar("source.regard");
  const failures = [];
  const tokensByFile = new Map();
  let checkedTokens = 0;
  for (const file of files()) {
    const tokens = tokenize(grammar, fs.readFileSync(file, "utf8"));
    tokensByFile.set(path.relative(root, file).split(path.sep).join("/"), tokens);
    for (const t of tokens) {
      if (t.text.trim() === "") continue;
      checkedTokens += 1;
      if (t.scopes.length < 2) {
        failures.push(`${path.relative(root, file)}:${t.line}: \`${t.text}\` has no scope`);
      }
    }
  }
  for (const [file, text, scope] of expectations) {
    const tokens = tokensByFile.get(file) || [];
    const token = tokens.find((t) => t.text === text);
    if (!token) failures.push(`${file}: no token \`${text}\``);
    else if (!token.scopes.includes(scope))
      failures.push(`${file}:${token.line}: \`${text}\` has ${token.scopes.join(" ")}, not ${scope}`);
  }
  for (const f of failures) console.error(f);
  console.log(`${tokensByFile.size} files, ${checkedTokens} tokens, ${expectations.length} expectations: ${failures.length} failures`);
  process.exit(failures.length ? 1 : 0);
})();
