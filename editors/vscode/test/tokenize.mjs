// Tokenises MPL text with vscode-textmate and vscode-oniguruma (whose onig.wasm ships in
// the npm package): shared by the tests and the screenshot script.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const here = path.dirname(fileURLToPath(import.meta.url));
export const extensionDir = path.resolve(here, '..');
export const mplGrammarPath = path.join(extensionDir, 'syntaxes', 'mpl.tmLanguage.json');
export const cppStubPath = path.join(here, 'cpp-stub.tmLanguage.json');

let onigLib;
function loadOniguruma() {
  if (!onigLib) {
    const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
    onigLib = oniguruma.loadWASM(wasm.buffer).then(() => ({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }));
  }
  return onigLib;
}

// The MPL grammar with `source.cpp` taken from `cppGrammarPath`; `moreGrammars` maps
// further scope names (those the C++ grammar includes) to files.
export async function loadMplGrammar(cppGrammarPath = cppStubPath, moreGrammars = {}) {
  const files = { ...moreGrammars, 'source.mpl': mplGrammarPath, 'source.cpp': cppGrammarPath };
  const registry = new vsctm.Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName) => {
      const file = files[scopeName];
      if (!file) return null;
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  return registry.loadGrammar('source.mpl');
}

// The MPL grammar with VS Code's own C++ grammar (npm package tm-grammars).
export function loadMplGrammarWithRealCpp() {
  return loadMplGrammar(require.resolve('tm-grammars/grammars/cpp.json'),
    { 'source.cpp.embedded.macro': require.resolve('tm-grammars/grammars/cpp-macro.json') });
}

// Lines of {text, tokens: [{start, end, scopes}]}, and the rule stack after the last line.
export function tokenize(grammar, text) {
  let ruleStack = vsctm.INITIAL;
  const lines = text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, ruleStack);
    ruleStack = result.ruleStack;
    const tokens = result.tokens.map((t) => ({ start: t.startIndex, end: Math.min(t.endIndex, line.length), scopes: t.scopes }));
    return { text: line, tokens };
  });
  return { lines, endState: ruleStack, atTopLevel: ruleStack.equals(vsctm.INITIAL) || ruleStack.depth === 1 };
}

// The scopes of the token covering `column` (empty past the end of the line).
export function scopesAt(line, column) {
  const token = line.tokens.find((t) => t.start <= column && column < t.end);
  return token ? token.scopes : [];
}
