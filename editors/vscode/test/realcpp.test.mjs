// The same structure checks (structure.mjs) with VS Code's own C++ grammar (npm package
// tm-grammars, pinned by package-lock.json) in place of the stub: its multi-line
// regions must not swallow a body's closing '}'. Over the examples, the grammar test
// cases, and real-cpp/*.mpl (valid C++ that the C++ grammar parses with regions of its
// own: extern "C" blocks, lambdas in calls, member initialisers, multi-line headers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extensionDir, loadMplGrammarWithRealCpp, tokenize, scopesAt } from './tokenize.mjs';
import { examplesDir, structureProblems } from './structure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const files = [
  ...fs.readdirSync(examplesDir).filter((f) => f.endsWith('.mpl')).map((f) => path.join(examplesDir, f)),
  ...['cases', 'real-cpp'].flatMap((dir) =>
    fs.readdirSync(path.join(here, dir)).filter((f) => f.endsWith('.mpl')).map((f) => path.join(here, dir, f))),
].sort();
const grammar = await loadMplGrammarWithRealCpp();

for (const file of files) {
  const name = path.relative(path.resolve(extensionDir, '..', '..'), file);
  test(`with VS Code's C++ grammar: ${name}`, () => {
    const problems = structureProblems(name, tokenize(grammar, fs.readFileSync(file, 'utf8')));
    assert.deepEqual(problems, [], problems.join('\n'));
  });
}

test("VS Code's C++ grammar is the one in use inside bodies", () => {
  const { lines } = tokenize(grammar, 'stage s() {\n    fmt::print("{}", std::string{});\n}');
  assert.ok(scopesAt(lines[1], 4).includes('entity.name.scope-resolution.cpp'), scopesAt(lines[1], 4).join(' '));
  assert.ok(scopesAt(lines[1], 9).includes('entity.name.function.call.cpp'), scopesAt(lines[1], 9).join(' '));
});
