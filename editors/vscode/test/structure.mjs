// Whether a tokenised file has the structure of MPL: every line that starts with a
// declaration keyword starts at the MPL level with a keyword scope (a stage's or pool's
// name after it as a function name), every '}' alone on a line before a declaration (or
// the end) closes a body as MPL, no token is invalid, and nothing is left open at the end. Returns a list of problems (empty when none).
import path from 'node:path';
import { extensionDir, scopesAt } from './tokenize.mjs';

// MPL_EXAMPLES_DIR overrides the folder of the examples (default: the repository's).
export const examplesDir = process.env.MPL_EXAMPLES_DIR ?? path.resolve(extensionDir, '..', '..', 'examples');

export const declaration = /^(include|cpp|param|queue|pipe|shared|before|after|stage|pool)\b/;

export function structureProblems(fileName, tokenized) {
  const problems = [];
  tokenized.lines.forEach((line, index) => {
    const where = `${fileName}:${index + 1}`;
    if (declaration.test(line.text)) {
      const scopes = scopesAt(line, 0);
      if (!scopes.some((s) => s.startsWith('keyword.')) || scopes.includes('meta.embedded.block.cpp'))
        problems.push(`${where}: declaration keyword has scopes [${scopes.join(', ')}]`);
      const named = /^(?:stage|pool)\s+(?=\w)/.exec(line.text);
      if (named && !scopesAt(line, named[0].length).includes('entity.name.function.mpl'))
        problems.push(`${where}: the stage's name has scopes [${scopesAt(line, named[0].length).join(', ')}]`);
    }
    const next = tokenized.lines.slice(index + 1).find((l) => l.text.trim() !== '' && !/^\s*\/\//.test(l.text));
    if (line.text === '}' && (!next || declaration.test(next.text)) &&
        !scopesAt(line, 0).includes('punctuation.section.block.end.mpl'))
      problems.push(`${where}: '}' does not close an MPL block: [${scopesAt(line, 0).join(', ')}]`);
    for (const token of line.tokens)
      if (token.scopes.some((s) => s.startsWith('invalid')))
        problems.push(`${where}:${token.start + 1}: invalid token`);
  });
  if (!tokenized.atTopLevel) problems.push(`${fileName}: a region is still open at the end`);
  return problems;
}
