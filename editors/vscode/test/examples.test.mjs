// Every example program is highlighted without a stray region (structure.mjs), with
// the C++ stub grammar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadMplGrammar, tokenize } from './tokenize.mjs';
import { examplesDir, structureProblems } from './structure.mjs';

const examples = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.mpl')).sort();
const grammar = await loadMplGrammar();

test('there are examples', () => assert.ok(examples.length >= 5, `only ${examples.length} in ${examplesDir}`));

for (const file of examples) {
  test(`example: ${file}`, () => {
    const problems = structureProblems(file, tokenize(grammar, fs.readFileSync(path.join(examplesDir, file), 'utf8')));
    assert.deepEqual(problems, [], problems.join('\n'));
  });
}
