//! A real editor: Neovim's built-in LSP client, run headless, opens an example with a
//! known problem, sees the diagnostic arrive (line, code, message), fixes the line and
//! sees it go, then formats the buffer. Needs `nvim` (Debian's package, installed by .ci/run); without it the
//! test is skipped, except under CI=true, where it must run.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn neovim_shows_the_diagnostic_and_its_fix() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs nvim for this test (.ci/run installs it)"
        );
        eprintln!("skipped: nvim is not installed");
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("neovim");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ashby_vale.regard");
    std::fs::copy(root.join("examples/ashby_vale.regard"), &file).unwrap();
    let out = dir.join("result.json");
    let status = Command::new("nvim")
        .args(["--headless", "-n", "-i", "NONE", "-u", "NONE", "-c"])
        .arg(format!(
            "luafile {}",
            root.join("tests/neovim/regard_lsp.lua").display()
        ))
        .env("REGARD_BIN", env!("CARGO_BIN_EXE_regard"))
        .env("REGARD_FILE", &file)
        .env("REGARD_OUT", &out)
        .env("REGARD_CODE", "dcs_lmcs_2013.lmcs_not_lscb_member")
        // LSCBs were replaced in 2019: the rule about the Lead Member's place on one is
        // checked on a date when it was in force.
        .env("REGARD_AS_OF", "2018-06-01")
        .env("REGARD_CACHE_DIR", dir.join("cache"))
        .env("HOME", &dir)
        .output()
        .expect("nvim runs");
    let result: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap_or_default())
        .unwrap_or_else(|_| panic!("no result from nvim: {}", String::from_utf8_lossy(&status.stderr)));
    assert!(result["error"].is_null(), "{result}");
    assert_eq!(result["attached"], true, "{result}");
    assert_eq!(result["arrived"], true, "the diagnostic never came: {result}");
    let text = std::fs::read_to_string(&file).unwrap();
    let expected_line = text
        .lines()
        .position(|l| l.contains("member_of Executive, LSCB"))
        .unwrap()
        + 1;
    assert_eq!(result["line"], expected_line as u64, "{result}");
    assert_eq!(result["severity"], 2, "a warning: {result}");
    assert!(
        result["message"]
            .as_str()
            .unwrap()
            .starts_with("`portfolio_children` holds `LMCS` but has `member_of LSCB`"),
        "{result}"
    );
    assert_eq!(result["gone"], true, "the diagnostic stayed after the fix: {result}");
    assert_eq!(
        result["count_after"].as_u64().unwrap() + 1,
        result["count"].as_u64().unwrap(),
        "{result}"
    );
    // Formatting put the spoilt line right and left the rest of the file as it was.
    assert_eq!(result["formatted_line"], "    member_of Executive", "{result}");
    let fixed = text.replace("member_of Executive, LSCB", "member_of Executive");
    assert_eq!(result["formatted"].as_str().unwrap(), fixed, "{result}");
}
