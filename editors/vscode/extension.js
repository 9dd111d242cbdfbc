// The regard extension: starts `regard lsp` for .regard files. The grammar and the
// language configuration are declared in package.json.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("regard");
  const command = config.get("path") || "regard";
  const asOf = config.get("asOf");
  const serverOptions = { command, args: ["lsp"] };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "regard" }],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.regard"),
    },
    initializationOptions: asOf ? { asOf } : {},
  };
  client = new LanguageClient("regard", "regard", serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
