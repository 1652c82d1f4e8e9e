// The hjemmel extension: starts `hjemmel lsp` over stdio for the workspace's specs and hands it the
// editor's language. Highlighting and the language configuration need no code (package.json).

import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("hjemmel.restartServer", () => restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("hjemmel.path") || event.affectsConfiguration("hjemmel.lang")) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration("hjemmel");
  const configured = config.get<string>("path", "hjemmel").trim() || "hjemmel";
  const lang = config.get<string>("lang", "en") === "da" ? "da" : "en";

  // Found before starting, so that a missing program gets one clear message instead of the
  // client's retries and a stack trace in the output channel.
  const command = findProgram(configured);
  if (command === undefined) {
    void notFound(configured);
    return;
  }

  const serverOptions: ServerOptions = {
    run: { command, args: ["lsp"], transport: TransportKind.stdio },
    debug: { command, args: ["lsp"], transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "hjemmel" }],
    initializationOptions: { lang },
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.hjemmel,hjemmel.toml}"),
    },
  };
  const started = new LanguageClient("hjemmel", "hjemmel", serverOptions, clientOptions);
  try {
    await started.start();
    client = started;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `hjemmel: \`${command} lsp\` did not start: ${detail}. A hjemmel built before the language server has no \`lsp\` command: update it.`,
    );
  }
}

/** The program to run: `setting` itself if it names a file, or the first match on PATH. */
function findProgram(setting: string): string | undefined {
  const expanded = setting.startsWith("~")
    ? path.join(process.env.HOME ?? process.env.USERPROFILE ?? "", setting.slice(1))
    : setting;
  if (expanded.includes("/") || expanded.includes("\\")) {
    const absolute = path.isAbsolute(expanded)
      ? expanded
      : path.resolve(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd(), expanded);
    return isExecutable(absolute) ? absolute : undefined;
  }
  const extensions =
    process.platform === "win32" ? ["", ...(process.env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";")] : [""];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir === "") {
      continue;
    }
    for (const extension of extensions) {
      const candidate = path.join(dir, expanded + extension);
      if (isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, process.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function notFound(configured: string): Promise<void> {
  const openSettings = "Open Settings";
  const choice = await vscode.window.showErrorMessage(
    `hjemmel: the program \`${configured}\` was not found, so specs get highlighting but no findings, hovers or completion. ` +
      "Install hjemmel (`cargo install --path .` in its repository) or set `hjemmel.path` to the program.",
    openSettings,
  );
  if (choice === openSettings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "hjemmel.path");
  }
}
