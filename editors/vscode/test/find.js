// The extension starts without a setting when regard is on the PATH or where `cargo
// install` puts it, and says so when it is nowhere.
//
//   node test/find.js

const assert = require("assert");
const fs = require("fs");
const os = require("os");
const path = require("path");

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "regard-find-"));
const home = path.join(scratch, "home");
const cargoBin = path.join(home, ".cargo", "bin");
const onPath = path.join(scratch, "bin");
fs.mkdirSync(cargoBin, { recursive: true });
fs.mkdirSync(onPath, { recursive: true });
const exe = process.platform === "win32" ? "regard.exe" : "regard";

function program(folder) {
  const file = path.join(folder, exe);
  fs.writeFileSync(file, "#!/bin/sh\n");
  fs.chmodSync(file, 0o755);
  return file;
}

process.env.HOME = home;
process.env.USERPROFILE = home;
delete process.env.CARGO_HOME;
process.env.PATH = [path.join(scratch, "empty"), "/nonexistent"].join(path.delimiter);
const { findRegard } = require("../find");

// Nowhere: nothing found, so the extension asks for the setting.
const elsewhere = findRegard("regard");
assert.ok(elsewhere === undefined || !elsewhere.startsWith(scratch), `found ${elsewhere}`);

// Installed by cargo, not on the PATH: found without a setting.
const installed = program(cargoBin);
assert.strictEqual(findRegard("regard"), installed);
assert.strictEqual(findRegard(undefined), installed);

// On the PATH: the PATH comes first.
process.env.PATH = [onPath, process.env.PATH].join(path.delimiter);
const first = program(onPath);
assert.strictEqual(findRegard("regard"), first);

// A file that cannot be run is passed over.
fs.chmodSync(first, 0o644);
if (process.platform !== "win32") assert.strictEqual(findRegard("regard"), installed);

// A setting wins, as given.
assert.strictEqual(findRegard("/opt/regard/bin/regard"), "/opt/regard/bin/regard");

fs.rmSync(scratch, { recursive: true, force: true });
console.log("find: ok");
