// Writes LICENSE.md for the package from the repository's two licence files, so that
// the extension ships the same terms as regard (MIT OR Apache-2.0) from one source.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..", "..", "..");
const read = (name) => fs.readFileSync(path.join(root, name), "utf8").trimEnd();
const text = [
  "# Licence",
  "",
  "The regard extension, like regard, is licensed under either of the following, at your option:",
  "the MIT licence or the Apache License, Version 2.0 (`MIT OR Apache-2.0`).",
  "",
  "## MIT licence",
  "",
  "```text",
  read("LICENSE-MIT"),
  "```",
  "",
  "## Apache License, Version 2.0",
  "",
  "```text",
  read("LICENSE-APACHE"),
  "```",
  "",
].join("\n");
fs.writeFileSync(path.join(__dirname, "..", "LICENSE.md"), text);
