//! `regard init` and `regard manpage`.

use super::*;

pub(super) fn init(council_id: &str, name: &str, dir: Option<PathBuf>) -> ExitCode {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    match regard::init::write(council_id, name, &dir) {
        Ok(path) => {
            let shown = regard::files::display(&path);
            say(&format!(
                "wrote `{shown}`; run `regard check {shown}` to see what is left to fill in\n"
            ));
            ExitCode::SUCCESS
        }
        Err(message) => fail(&message),
    }
}

/// `regard manpage`: the page of `regard` to standard output, or every page into `dir`.
pub(super) fn manpage(dir: Option<PathBuf>) -> ExitCode {
    let command = <Cli as clap::CommandFactory>::command();
    let page = |command: clap::Command| -> Result<String, String> {
        let mut out = Vec::new();
        clap_mangen::Man::new(command)
            .render(&mut out)
            .map_err(|e| format!("cannot write the manual page: {e}"))?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    };
    let Some(dir) = dir else {
        return match page(command) {
            Ok(text) => write_out(None, &text),
            Err(message) => fail(&message),
        };
    };
    if let Err(e) = regard::files::create_folder(&dir) {
        return fail(&format!("cannot create `{}`: {e}", regard::files::display(&dir)));
    }
    let mut pages = vec![("regard.1".to_string(), command.clone())];
    for sub in command.get_subcommands() {
        let name = format!("regard-{}", sub.get_name());
        let file = format!("{name}.1");
        pages.push((file, sub.clone().name(name)));
    }
    for (file, command) in pages {
        let path = dir.join(&file);
        let text = match page(command) {
            Ok(text) => text,
            Err(message) => return fail(&message),
        };
        if let Err(e) = regard::files::write_output(&path, &text) {
            return fail(&format!("cannot write `{}`: {e}", regard::files::display(&path)));
        }
    }
    ExitCode::SUCCESS
}
