// Checks HTML pages for accessibility with axe-core (WCAG 2.1 A and AA rules) in headless
// Chromium, driven by playwright-core: `node .ci/axe-check.js PAGE.html...`. Exits 1 and
// lists the violations if any page has one. Used by .ci/run on the reports regard writes.
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  let failed = false;
  for (const file of process.argv.slice(2)) {
    const page = await browser.newPage();
    await page.goto("file://" + path.resolve(file));
    await page.addScriptTag({ content: axeSource });
    const results = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } })
    );
    const violations = results.violations;
    console.log(`  axe: ${file}: ${violations.length} violations, ${results.passes.length} rules passed`);
    for (const v of violations) {
      failed = true;
      console.log(`    ${v.id} (${v.impact}): ${v.help}`);
      for (const node of v.nodes.slice(0, 3)) console.log(`      ${node.target.join(" ")}: ${node.failureSummary.split("\n").join(" ")}`);
    }
    await page.close();
  }
  await browser.close();
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
