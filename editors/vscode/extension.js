// The regard extension: starts `regard lsp` for .regard files. The grammar and the
// language configuration are declared in package.json. Bundled by esbuild into
// dist/extension.js (`npm run bundle`), which is what the package ships.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");
const { findRegard } = require("./find");

let client;

async function activate(context) {
  const config = vscode.workspace.getConfiguration("regard");
  const command = findRegard(config.get("path"));
  if (!command) {
    const choice = await vscode.window.showErrorMessage(
      "regard was not found on the PATH or in ~/.cargo/bin. Install it (`cargo install --locked --path .` in regard's folder), or set `regard.path`.",
      "Open settings",
    );
    if (choice === "Open settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "regard.path");
    }
    return undefined;
  }
  const asOf = config.get("asOf");
  const serverOptions = { command, args: ["lsp"] };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "regard" }],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.regard"),
    },
    initializationOptions: asOf ? { asOf } : {},
    middleware: {
      // The rule lenses' "generate a council that breaks this rule": the server answers
      // with the council's source, which opens as a new untitled document.
      executeCommand: async (command, args, next) => {
        const result = await next(command, args);
        if (command === "regard.councilThatBreaks" && result && typeof result.content === "string") {
          const doc = await vscode.workspace.openTextDocument({ language: "regard", content: result.content });
          await vscode.window.showTextDocument(doc);
        }
        return result;
      },
    },
  };
  client = new LanguageClient("regard", "regard", serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
