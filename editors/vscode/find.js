// Finding the regard program without a setting (test/find.js tests it).
const fs = require("fs");
const os = require("os");
const path = require("path");

// Where to look for regard when `regard.path` is not set: the PATH, then the folders
// `cargo install` and the usual package managers put programs in, which an editor
// started from the desktop may not have on its PATH.
function candidates() {
  const exe = process.platform === "win32" ? "regard.exe" : "regard";
  const folders = (process.env.PATH || "").split(path.delimiter).filter(Boolean);
  const home = os.homedir();
  const cargoHome = process.env.CARGO_HOME || path.join(home, ".cargo");
  folders.push(path.join(cargoHome, "bin"), path.join(home, ".local", "bin"), "/usr/local/bin", "/opt/homebrew/bin");
  return folders.map((folder) => path.join(folder, exe));
}

function isProgram(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// The regard program to start: the setting when given, else the first found.
function findRegard(setting) {
  if (setting && setting !== "regard") return setting;
  return candidates().find(isProgram);
}

module.exports = { candidates, findRegard };
