// The extension's client side (extension.js) without VS Code: `vscode` is replaced by
// a stand-in that records what the extension asks of it, and the server it would start
// is started for real (MPL_MPLC, from CTest) and spoken to with vscode-jsonrpc, the
// JSON-RPC library vscode-languageclient itself runs on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import Module from 'node:module';
import path from 'node:path';
import { extensionDir } from './tokenize.mjs';

const require = createRequire(import.meta.url);
const started = [];
const settings = { 'server.path': process.env.MPL_MPLC || 'mplc' };
const fakeVscode = {
  workspace: {
    getConfiguration: (section) => ({ get: (key) => (section === 'mpl' ? settings[key] : undefined) }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  },
  window: { showErrorMessage: (message) => started.push({ error: message }) },
};
class FakeLanguageClient {
  constructor(id, name, serverOptions, clientOptions) { Object.assign(this, { id, name, serverOptions, clientOptions }); }
  async start() { started.push(this); }
  async stop() {}
}
const originalLoad = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return fakeVscode;
  if (request === 'vscode-languageclient/node') return { LanguageClient: FakeLanguageClient, TransportKind: { stdio: 0 } };
  return originalLoad.call(this, request, ...rest);
};
const extension = require(path.join(extensionDir, 'extension.js'));
Module._load = originalLoad;

test('activate starts `mpl.server.path lsp` on stdio for mpl documents', async () => {
  const subscriptions = [];
  await extension.activate({ subscriptions });
  assert.equal(started.length, 1);
  const client = started[0];
  assert.equal(client.id, 'mpl');
  assert.deepEqual(client.serverOptions, { command: settings['server.path'], args: ['lsp'], transport: 0 });
  assert.ok(client.clientOptions.documentSelector.some((s) => s.language === 'mpl' && s.scheme === 'file'));
  assert.equal(subscriptions.length, 1, 'a listener restarts the server when mpl.server.path changes');
});

test('the default server is mplc on PATH', () => {
  assert.equal(extension.serverOptions({ get: () => undefined }).command, 'mplc');
});

test('the server it starts answers over vscode-jsonrpc: diagnostics for an error', { skip: !process.env.MPL_MPLC }, async () => {
  const rpc = require('vscode-jsonrpc/node');
  const { command, args } = extension.serverOptions({ get: () => process.env.MPL_MPLC });
  const server = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  const diagnostics = new Promise((resolve) =>
    connection.onNotification('textDocument/publishDiagnostics', (params) => resolve(params)));
  connection.listen();
  const init = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  assert.ok(init.capabilities.hoverProvider);
  connection.sendNotification('initialized', {});
  connection.sendNotification('textDocument/didOpen', { textDocument: {
    uri: 'file:///tmp/vscode-client-test.mpl', languageId: 'mpl', version: 1,
    text: 'queue numbers: long\nstage produce() -> nmbers {\n}\nstage consume(numbers) {\n}\n' } });
  const published = await diagnostics;
  assert.deepEqual(published.diagnostics.map((d) => [d.range.start, d.message]), [
    [{ line: 1, character: 19 }, "queue 'nmbers' is not declared; did you mean 'numbers'?"]]);
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  const status = await new Promise((resolve) => server.on('exit', resolve));
  assert.equal(status, 0);
  connection.dispose();
});
