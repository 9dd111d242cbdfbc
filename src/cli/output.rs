//! Writing to standard output and standard error without ever panicking, and the exit
//! status 2 of a command that cannot run.

use super::*;

/// Whether to colour output for a stream.
pub(super) fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // NO_COLOR wins; CLICOLOR_FORCE asks for colour even when the output is not a
        // terminal (https://bixense.com/clicolors/).
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let force = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0");
            !no_color && (is_terminal || force)
        }
    }
}

/// Writes `text` to the file `out` (atomically), or to standard output.
pub(super) fn write_out(out: Option<PathBuf>, text: &str) -> ExitCode {
    match out {
        None => print(text),
        Some(path) => match regard::files::write_output(&path, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&format!("cannot write `{}`: {e}", regard::files::display(&path))),
        },
    }
}

/// Reports that the command could not run: exit status 2.
pub(super) fn fail(message: &str) -> ExitCode {
    say(&format!("error: {message}\n"));
    ExitCode::from(2)
}

/// Whether writing to standard error failed for a reason other than a closed pipe (a
/// full device, say): the command then ends with status 2.
pub(super) static STDERR_FAILED: AtomicBool = AtomicBool::new(false);

/// Writes `text` to standard error. It never panics: a closed pipe is ignored, and any
/// other failure makes the exit status 2.
pub(super) fn say(text: &str) {
    let mut stderr = std::io::stderr().lock();
    if let Err(e) = stderr.write_all(text.as_bytes()).and_then(|_| stderr.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        STDERR_FAILED.store(true, Ordering::Relaxed);
    }
}

/// Writes `bytes` to standard output. A closed pipe (`regard check | head`) ends the
/// output quietly and is not a failure; any other failure (a full device) is reported,
/// and is exit status 2.
pub(super) fn write_stdout(bytes: &[u8]) -> Result<(), ExitCode> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(fail(&format!("cannot write to standard output: {e}"))),
    }
}

/// Writes `text` to standard output: exit status 0, or 2 if that fails.
pub(super) fn print(text: &str) -> ExitCode {
    match write_stdout(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
