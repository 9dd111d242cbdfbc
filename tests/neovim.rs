//! A real editor, set up as docs/editors.md says: each Neovim snippet of that page is
//! copied as it stands into an `init.lua`, and Neovim, run headless with it, opens an
//! example with a known problem, sees the diagnostic arrive (line, code, message), fixes the
//! line and sees it go, then formats the buffer. The 0.7 snippet runs on any Neovim from
//! 0.7 (CI installs Debian's 0.7.2); the 0.8 snippet where Neovim is 0.8 or later. Needs
//! `nvim`; without it the test is skipped, except under CI=true, where it must run.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The first ```lua block after the heading `heading` in docs/editors.md.
fn snippet(heading: &str) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let page = std::fs::read_to_string(root.join("docs/editors.md")).unwrap();
    let after = page
        .split_once(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("docs/editors.md has no heading `{heading}`"))
        .1;
    let block = after.split_once("```lua\n").expect("a Lua block").1;
    block.split_once("\n```").expect("the block ends").0.to_string() + "\n"
}

/// Neovim's version as (major, minor).
fn nvim_version() -> Option<(u32, u32)> {
    let out = Command::new("nvim").arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let version = text.lines().next()?.strip_prefix("NVIM v")?;
    let mut parts = version.split(['.', '-']);
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// Runs Neovim with `init` as the user's `init.lua` on a copy of Ashby Vale, and checks
/// what it saw.
fn run_with(name: &str, init: &str) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("neovim-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    let project = dir.join("project");
    std::fs::create_dir_all(project.join(".git")).unwrap();
    std::fs::create_dir_all(project.join("councils")).unwrap();
    let file = project.join("councils/ashby_vale.regard");
    std::fs::copy(root.join("examples/ashby_vale.regard"), &file).unwrap();
    let second = project.join("councils/fenmarsh.regard");
    std::fs::copy(root.join("examples/fenmarsh.regard"), &second).unwrap();
    let config = dir.join("config/nvim");
    std::fs::create_dir_all(&config).unwrap();
    let init_file = config.join("init.lua");
    std::fs::write(&init_file, init).unwrap();
    let out = dir.join("result.json");
    // `regard` on the PATH, as the snippets assume.
    let bin = Path::new(env!("CARGO_BIN_EXE_regard")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let status = Command::new("nvim")
        .args(["--headless", "-n", "-i", "NONE", "-u"])
        .arg(&init_file)
        .arg("-c")
        .arg(format!(
            "luafile {}",
            root.join("tests/neovim/regard_lsp.lua").display()
        ))
        .current_dir(&project)
        .env("PATH", path)
        .env("REGARD_FILE", &file)
        .env("REGARD_SECOND", &second)
        .env("REGARD_OUT", &out)
        .env("REGARD_CODE", "dcs_lmcs_2013.lmcs_integrated_brief")
        .env("REGARD_CACHE_DIR", dir.join("cache"))
        .env("HOME", &dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .output()
        .expect("nvim runs");
    let result: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).unwrap_or_default()).unwrap_or_else(|_| {
            panic!(
                "no result from nvim ({name}): {}",
                String::from_utf8_lossy(&status.stderr)
            )
        });
    assert!(result["error"].is_null(), "{name}: {result}");
    assert_eq!(result["filetype"], "regard", "{name}: {result}");
    assert_eq!(
        result["attached"], true,
        "{name}: the set-up attached no client: {result}"
    );
    assert_eq!(result["client_name"], "regard", "{name}: {result}");
    assert_eq!(
        result["root_dir"].as_str().map(|r| r.trim_end_matches('/')),
        Some(std::fs::canonicalize(&project).unwrap().to_str().unwrap()),
        "{name}: the root is the folder with .git: {result}"
    );
    assert_eq!(result["arrived"], true, "{name}: the diagnostic never came: {result}");
    let text = std::fs::read_to_string(&file).unwrap();
    let expected_line = text.lines().position(|l| l == "    responsible_for education").unwrap() + 1;
    assert_eq!(result["line"], expected_line as u64, "{name}: {result}");
    assert_eq!(result["severity"], 1, "{name}: an error: {result}");
    assert!(
        result["message"]
            .as_str()
            .unwrap()
            .starts_with("`portfolio_children` holds `LMCS` but has no `responsible_for childrens_social_care`"),
        "{name}: {result}"
    );
    assert_eq!(
        result["gone"], true,
        "{name}: the diagnostic stayed after the fix: {result}"
    );
    assert_eq!(
        result["count_after"].as_u64().unwrap() + 1,
        result["count"].as_u64().unwrap(),
        "{name}: {result}"
    );
    // Formatting put the spoilt line right and left the rest of the file as it was.
    assert_eq!(
        result["formatted_line"], "    responsible_for education, childrens_social_care",
        "{name}: {result}"
    );
    let fixed = text.replace(
        "    responsible_for education\n",
        "    responsible_for education, childrens_social_care\n",
    );
    assert_eq!(result["formatted"].as_str().unwrap(), fixed, "{name}: {result}");
    assert_eq!(result["same_server"], true, "{name}: one server per project: {result}");
}

#[test]
fn neovim_set_up_as_documented_shows_the_diagnostic_and_its_fix() {
    let Some(version) = nvim_version() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs nvim for this test (.ci/run installs it)"
        );
        eprintln!("skipped: nvim is not installed");
        return;
    };
    run_with("0.7", &snippet("### Neovim 0.7 (Debian 12's `neovim` package)"));
    if version >= (0, 8) {
        run_with("0.8", &snippet("### Neovim 0.8 and later"));
    } else {
        eprintln!("the 0.8 snippet is not run: Neovim is {}.{}", version.0, version.1);
    }
}
