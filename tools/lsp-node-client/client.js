#!/usr/bin/env node
// A test client for `seslint lsp`, built on vscode-languageserver-protocol
// and vscode-jsonrpc, the packages VS Code's language client is made of.
//
//   node client.js SESLINT WORKSPACE ENCODING
//
// It starts SESLINT lsp in WORKSPACE, offers ENCODING (utf-16 or utf-8) as
// the only position encoding, opens WORKSPACE/example.com/Send.json, and
// drives a session: diagnostics, hover, code action, applying the fix,
// pull diagnostics, completion in half-typed JSON, a config reload, and
// shutdown. Each step prints one JSON line on standard output; the Go test
// (lsp/server/clients_test.go) checks them. Every wait is bounded.

'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const p = require('vscode-languageserver-protocol/node');

const [seslint, workspace, encoding] = process.argv.slice(2);
if (!seslint || !workspace || !['utf-16', 'utf-8'].includes(encoding)) {
  console.error('usage: node client.js SESLINT WORKSPACE utf-16|utf-8');
  process.exit(2);
}
const WAIT_MS = 15000;
setTimeout(() => {
  console.error('the whole session took too long');
  process.exit(3);
}, 4 * WAIT_MS).unref();

function out(step, data) {
  process.stdout.write(JSON.stringify({ step, ...data }) + '\n');
}

const server = spawn(seslint, ['lsp', '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
let serverLog = '';
server.stderr.on('data', (d) => { serverLog += d; });
const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));

const conn = p.createProtocolConnection(
  new p.StreamMessageReader(server.stdout),
  new p.StreamMessageWriter(server.stdin),
);
conn.onError(([err]) => { console.error('connection error:', err && err.message); process.exit(4); });

// Publications arrive whenever the server is ready; steps wait for the one
// they need, with a bound.
const published = [];
const waiters = [];
conn.onNotification(p.PublishDiagnosticsNotification.type, (params) => {
  published.push(params);
  for (const w of waiters.splice(0)) w();
});
const messages = [];
conn.onNotification(p.ShowMessageNotification.type, (params) => messages.push(params.message));
const registrations = [];
conn.onRequest(p.RegistrationRequest.type, (params) => {
  registrations.push(...params.registrations);
  return null;
});

function waitPublish(uri, pred, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no publication: ${what}`)), WAIT_MS);
    const check = () => {
      const found = published.find((x) => x.uri === uri && pred(x));
      if (found) {
        clearTimeout(timer);
        resolve(found);
      } else {
        waiters.push(check);
      }
    };
    check();
  });
}

function bounded(promise, what) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer: ${what}`)), WAIT_MS)),
  ]);
}

// Text edits, applied as an editor would, with columns in the negotiated
// encoding. JavaScript strings count UTF-16 units; UTF-8 columns are
// converted through the line's bytes.
function offsetAt(text, pos, enc) {
  const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  let off = 0;
  for (let i = 0; i < pos.line && i < lines.length; i++) off += lines[i].length;
  if (pos.line >= lines.length) return text.length;
  const line = lines[pos.line].replace(/\r?\n$|\r$/, '');
  if (enc === 'utf-8') {
    const bytes = Buffer.from(line, 'utf8');
    return off + bytes.subarray(0, Math.min(pos.character, bytes.length)).toString('utf8').length;
  }
  return off + Math.min(pos.character, line.length);
}

function applyEdits(text, edits, enc) {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start, enc) - offsetAt(text, a.range.start, enc));
  for (const e of sorted) {
    text = text.slice(0, offsetAt(text, e.range.start, enc)) + e.newText + text.slice(offsetAt(text, e.range.end, enc));
  }
  return text;
}

const brief = (ds) => ds.map((d) => ({
  code: d.code, range: d.range, severity: d.severity, source: d.source,
  href: d.codeDescription && d.codeDescription.href,
  related: (d.relatedInformation || []).map((r) => r.location.range),
}));

async function main() {
  conn.listen();
  const rootUri = pathToFileURL(workspace).href;
  const init = await bounded(conn.sendRequest(p.InitializeRequest.type, {
    processId: process.pid,
    clientInfo: { name: 'seslint-node-test-client' },
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
    capabilities: {
      general: { positionEncodings: [encoding] },
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: {
        synchronization: { didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: false } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
      },
    },
  }), 'initialize');
  await conn.sendNotification(p.InitializedNotification.type, {});
  out('initialize', { positionEncoding: init.capabilities.positionEncoding, sync: init.capabilities.textDocumentSync });

  const file = path.join(workspace, 'example.com', 'Send.json');
  const uri = pathToFileURL(file).href;
  let text = fs.readFileSync(file, 'utf8');
  let version = 1;
  await conn.sendNotification(p.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'json', version, text },
  });
  const first = await waitPublish(uri, (x) => x.version === 1, 'after open');
  out('diagnostics', { version: first.version, items: brief(first.diagnostics) });

  const effect = first.diagnostics.find((d) => d.code === 'SES003');
  if (!effect) throw new Error('no SES003 diagnostic');
  const hover = await bounded(conn.sendRequest(p.HoverRequest.type, {
    textDocument: { uri }, position: effect.range.start,
  }), 'hover');
  out('hover', { kind: hover && hover.contents.kind, value: hover && hover.contents.value, range: hover && hover.range });

  const actions = await bounded(conn.sendRequest(p.CodeActionRequest.type, {
    textDocument: { uri }, range: effect.range, context: { diagnostics: [effect] },
  }), 'codeAction');
  out('codeAction', { actions: actions.map((a) => ({ title: a.title, kind: a.kind, edit: a.edit })) });

  const edits = actions[0].edit.changes[uri];
  text = applyEdits(text, edits, encoding);
  version++;
  await conn.sendNotification(p.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version },
    contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
  });
  const fixed = await waitPublish(uri, (x) => x.version === version, 'after the fix');
  out('fixed', { version: fixed.version, text, items: brief(fixed.diagnostics) });

  const pulled = await bounded(conn.sendRequest(p.DocumentDiagnosticRequest.type, { textDocument: { uri } }), 'pull');
  out('pull', { kind: pulled.kind, items: brief(pulled.items) });

  const typingUri = pathToFileURL(path.join(workspace, 'example.com', 'Typing.json')).href;
  const typing = '{\n  "Statement": [{"Effect": "Allow", "Action": "ses:Se';
  await conn.sendNotification(p.DidOpenTextDocumentNotification.type, {
    textDocument: { uri: typingUri, languageId: 'json', version: 1, text: typing },
  });
  const lastLine = typing.split('\n')[1];
  const completion = await bounded(conn.sendRequest(p.CompletionRequest.type, {
    textDocument: { uri: typingUri },
    position: { line: 1, character: encoding === 'utf-8' ? Buffer.byteLength(lastLine) : lastLine.length },
  }), 'completion');
  const items = Array.isArray(completion) ? completion : completion.items;
  const send = items.find((i) => i.label === 'ses:SendEmail');
  out('completion', { count: items.length, sendEmail: send && send.textEdit });

  // A config that turns the duplicate-key rule off, reported as a watched
  // file change, as VS Code reports it.
  fs.writeFileSync(path.join(workspace, '.seslint.yaml'), 'rules:\n  duplicate-key: off\n');
  await conn.sendNotification(p.DidChangeWatchedFilesNotification.type, {
    changes: [{ uri: pathToFileURL(path.join(workspace, '.seslint.yaml')).href, type: p.FileChangeType.Changed }],
  });
  const before = published.length;
  const reloaded = await waitPublish(uri, (x) => published.indexOf(x) >= before, 'after the config reload');
  out('reloaded', { items: brief(reloaded.diagnostics), registrations: registrations.map((r) => r.method) });

  await conn.sendNotification(p.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  const closed = await waitPublish(uri, (x) => published.indexOf(x) > published.indexOf(reloaded), 'after close');
  out('closed', { items: closed.diagnostics.length });

  await bounded(conn.sendRequest(p.ShutdownRequest.type), 'shutdown');
  await conn.sendNotification(p.ExitNotification.type);
  const code = await bounded(exited, 'exit');
  out('exit', { code, messages });
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err.stack || String(err));
    console.error('server log:\n' + serverLog);
    server.kill();
    process.exit(1);
  },
);
