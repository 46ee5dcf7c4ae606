// Scope assertions written as comments under the line they test (the format of
// vscode-tmgrammar-test):
//
//   stage produce() -> numbers {
//   // <----- keyword.other.declaration.mpl
//   //    ^^^^^^^ entity.name.function.mpl
//   //                 ^^^^^^^ variable.other.queue.mpl - meta.embedded.block.cpp
//
// `^` marks columns of the tested line, `<-` the columns from its start (one per '-').
// Every scope listed must be on the token's scope stack; those after '-' must not be.
// Assertion lines are ordinary comments, in MPL and in C++ alike, so they are
// tokenised with the rest of the file and never disturb it.
import { scopesAt } from './tokenize.mjs';

const caretLine = /^(\s*\/\/\s*)(\^+)\s+(.*)$/;
const arrowLine = /^\s*\/\/\s*<(-+)\s+(.*)$/;

function parseScopes(text) {
  const [wanted, unwanted = ''] = text.split(/\s+-\s+/);
  const words = (s) => s.trim().split(/\s+/).filter(Boolean);
  return { wanted: words(wanted), unwanted: words(unwanted) };
}

// Returns a list of failure messages (empty when every assertion holds).
export function checkAssertions(fileName, tokenized) {
  const failures = [];
  let target = null;  // index of the line under test
  tokenized.lines.forEach((line, index) => {
    let columns = null, scopeText = null;
    const caret = caretLine.exec(line.text);
    const arrow = arrowLine.exec(line.text);
    if (caret) {
      const first = caret[1].length;
      columns = Array.from({ length: caret[2].length }, (_, i) => first + i);
      scopeText = caret[3];
    } else if (arrow) {
      columns = Array.from({ length: arrow[1].length }, (_, i) => i);
      scopeText = arrow[2];
    }
    if (!columns) {
      target = index;
      return;
    }
    if (target === null) {
      failures.push(`${fileName}:${index + 1}: assertion before any line to test`);
      return;
    }
    const { wanted, unwanted } = parseScopes(scopeText);
    const tested = tokenized.lines[target];
    for (const column of columns) {
      const scopes = scopesAt(tested, column);
      const missing = wanted.filter((s) => !scopes.includes(s));
      const present = unwanted.filter((s) => scopes.includes(s));
      if (missing.length || present.length) {
        failures.push(`${fileName}:${target + 1}:${column + 1}: '${tested.text[column] ?? ''}' has scopes [${scopes.join(', ')}]` +
          (missing.length ? `; missing ${missing.join(', ')}` : '') +
          (present.length ? `; must not have ${present.join(', ')}` : '') +
          ` (assertion on line ${index + 1})`);
        break;  // one message per assertion
      }
    }
  });
  return failures;
}
