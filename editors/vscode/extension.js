// The MPL extension's code: starts the language server `mplc lsp` for .mpl files.
// Highlighting stays in the TextMate grammar (syntaxes/); diagnostics, hover,
// go-to-definition, references, rename, outline, completion and quick fixes come from
// the server. The server is `mpl.server.path` (default: mplc on PATH).
'use strict';
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

/** The options to start the server with, from the settings (exported for the tests). */
function serverOptions(configuration) {
  const command = configuration.get('server.path') || 'mplc';
  return { command, args: ['lsp'], transport: TransportKind.stdio };
}

function clientOptions() {
  return {
    documentSelector: [{ scheme: 'file', language: 'mpl' }, { scheme: 'untitled', language: 'mpl' }],
  };
}

async function activate(context) {
  const configuration = vscode.workspace.getConfiguration('mpl');
  client = new LanguageClient('mpl', 'MPL language server', serverOptions(configuration), clientOptions());
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('mpl.server.path') || !client) return;
      await client.stop();
      client = new LanguageClient('mpl', 'MPL language server',
        serverOptions(vscode.workspace.getConfiguration('mpl')), clientOptions());
      await client.start();
    }));
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `MPL: cannot start the language server '${serverOptions(configuration).command} lsp' ` +
      `(set mpl.server.path): ${error.message || error}`);
  }
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate, serverOptions, clientOptions };
