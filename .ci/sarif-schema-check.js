// Validates JSON files against a JSON schema (draft 2020-12) with ajv: SARIF logs, and the
// JSON of `regard coverage` and `regard impact`. node sarif-schema-check.js SCHEMA FILE...
const fs = require("fs");
const Ajv = require("ajv/dist/2020");
const addFormats = require("ajv-formats");
const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
let failed = 0;
for (const file of files) {
  if (!validate(JSON.parse(fs.readFileSync(file, "utf8")))) {
    failed += 1;
    console.error(`${file}: ${validate.errors.length} schema errors`);
    for (const e of validate.errors.slice(0, 5)) console.error(`  ${e.instancePath} ${e.message}`);
  } else console.log(`${file}: valid`);
}
process.exit(failed ? 1 : 0);
