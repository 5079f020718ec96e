// Tokenizes every .mems file under a folder with the TextMate grammar of
// editors/vscode, through the same engine VS Code uses (vscode-textmate on
// the Oniguruma WebAssembly build), and checks what a reader of the
// highlighted file sees: every character that is not a blank has a scope of
// its own (no text left as bare source.mems), comments are comments to the
// end of the line, strings are strings, sizes (64K, 2M, 1GiB, 16 pages) are
// numbers with a unit, and the statement words are keywords. Prints one
// summary line; each problem is one line `path:line:col: ...`; exit 1 if any.
// Usage: npm ci (once, in this folder), then node tokenize.js GRAMMAR.json FOLDER
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const [grammarPath, folder] = process.argv.slice(2);
if (!grammarPath || !folder) {
  console.error('usage: node tokenize.js GRAMMAR.json FOLDER');
  process.exit(2);
}

const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
const onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
  createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
  createOnigString: (s) => new oniguruma.OnigString(s),
}));

const registry = new vsctm.Registry({
  onigLib,
  loadGrammar: async (scopeName) =>
    scopeName === 'source.mems' ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
});

const statementWords = new Set([
  'touch', 'read', 'write', 'exec', 'free', 'fork', 'exit', 'sleep', 'repeat', 'note', 'expect', 'kill',
  'munmap', 'mprotect', 'madvise', 'mlock', 'munlock', 'brk', 'shmdt', 'shmrm', 'malloc', 'calloc', 'realloc', 'mmap', 'shmat', 'shmget',
  'mbind', 'numastat', 'numa_maps',
  'top', 'meminfo', 'vmstat', 'buddyinfo', 'zoneinfo', 'slabinfo', 'slabtop', 'oom_scores', 'maps', 'status',
  'pressure', 'release', 'drop_caches', 'sysctl', 'oom_score_adj', 'kmalloc', 'kfree', 'machine', 'file', 'shm', 'process', 'at',
]);
const keywordScope = /^(keyword\.|storage\.|support\.function\.)/;
const sizePattern = /(?<![A-Za-z0-9_]|[0-9]\.)(?:0x[0-9A-Fa-f_]+|[0-9][0-9_]*)(?:KiB|MiB|GiB|TiB|KB|MB|GB|TB|K|M|G|T|B)(?![A-Za-z0-9_])|(?<![A-Za-z0-9_]|[0-9]\.)[0-9][0-9_]* pages?(?![A-Za-z0-9_])/g;
const wordPattern = /(?<![A-Za-z0-9_.])[a-z_][a-z0-9_]*(?![A-Za-z0-9_])/g;

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.mems') ? [path.join(dir, e.name)] : []));
}

// Where the comment starts and which columns are inside strings, as the language reads a line.
function lexLine(line) {
  const inString = new Array(line.length).fill(false);
  let open = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (open) {
      inString[i] = true;
      if (c === '\\') { if (i + 1 < line.length) inString[++i] = true; continue; }
      if (c === '"') open = false;
    } else if (c === '"') {
      inString[i] = true;
      open = true;
    } else if (c === '#') {
      return { comment: i, inString };
    }
  }
  return { comment: -1, inString };
}

function scopesAt(tokens, col) {
  for (const t of tokens) if (col >= t.startIndex && col < t.endIndex) return t.scopes;
  return [];
}

(async () => {
  const grammar = await registry.loadGrammar('source.mems');
  const problems = [];
  const counts = { files: 0, lines: 0, tokens: 0, comments: 0, strings: 0, sizes: 0, keywords: 0 };
  for (const file of files(folder)) {
    counts.files++;
    const shown = path.relative(process.cwd(), file).split(path.sep).join('/');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    let state = vsctm.INITIAL;
    lines.forEach((line, index) => {
      line = line.replace(/\r$/, '');
      counts.lines++;
      const result = grammar.tokenizeLine(line, state);
      state = result.ruleStack;
      counts.tokens += result.tokens.length;
      const at = (col) => `${shown}:${index + 1}:${col + 1}`;
      const { comment, inString } = lexLine(line);
      for (const t of result.tokens) {
        const text = line.slice(t.startIndex, t.endIndex);
        if (text.trim() !== '' && t.scopes.length < 2)
          problems.push(`${at(t.startIndex)}: untokenized text '${text}'`);
      }
      if (comment >= 0) {
        counts.comments++;
        for (let col = comment; col < line.length; col++) {
          if (!scopesAt(result.tokens, col).some((s) => s.startsWith('comment.'))) {
            problems.push(`${at(col)}: comment text without a comment scope`);
            break;
          }
        }
      }
      const code = comment >= 0 ? line.slice(0, comment) : line;
      for (let col = 0; col < code.length; col++) {
        if (inString[col] && !scopesAt(result.tokens, col).some((s) => s.startsWith('string.'))) {
          problems.push(`${at(col)}: string text without a string scope`);
          break;
        }
      }
      counts.strings += (code.match(/"/g) || []).length / 2;
      for (const m of code.matchAll(sizePattern)) {
        if (inString[m.index]) continue;
        counts.sizes++;
        for (let col = m.index; col < m.index + m[0].length; col++) {
          if (m[0][col - m.index] === ' ') continue;
          if (!scopesAt(result.tokens, col).some((s) => s.startsWith('constant.numeric.size'))) {
            problems.push(`${at(col)}: size '${m[0]}' is not a constant.numeric.size`);
            break;
          }
        }
      }
      // A statement word where a statement starts: at the line's start, after '{' or ';'.
      for (const m of code.matchAll(wordPattern)) {
        if (inString[m.index] || !statementWords.has(m[0])) continue;
        const before = code.slice(0, m.index).trimEnd();
        const startsStatement = before === '' || before.endsWith('{') || before.endsWith(';') || /^\w+\s*=$/.test(before.trim()) || /[;{]\s*\w+\s*=$/.test(before);
        if (!startsStatement) continue;
        counts.keywords++;
        const scopes = scopesAt(result.tokens, m.index);
        if (!scopes.some((s) => keywordScope.test(s)))
          problems.push(`${at(m.index)}: statement word '${m[0]}' has scopes ${scopes.join(' ')}`);
      }
    });
  }
  for (const p of problems) console.log(p);
  console.log(`grammar: ${counts.files} files, ${counts.lines} lines, ${counts.tokens} tokens; ` +
    `${counts.keywords} statement words, ${counts.sizes} sizes, ${counts.strings} strings, ${counts.comments} comments; ${problems.length} problems`);
  const empty = ['files', 'keywords', 'sizes', 'strings', 'comments'].filter((k) => counts[k] === 0);
  if (empty.length > 0) console.log(`nothing checked for: ${empty.join(', ')}`);
  process.exit(problems.length > 0 || empty.length > 0 ? 1 : 0);
})().catch((e) => { console.error(e && e.stack ? e.stack : String(e)); process.exit(2); });
