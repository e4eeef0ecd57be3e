//! `aftercare-server`: reads the configuration and runs the server (or a one-off task).

use aftercare_server::config::Command;
use aftercare_server::Config;
use clap::Parser;
use tracing_subscriber::EnvFilter;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let config = Config::parse();
    let result = match config.command {
        Some(Command::Migrate) => aftercare_server::prepare(&config).await.map(|_| ()),
        Some(Command::Backup { ref file }) => {
            match aftercare_server::db::backup(&config.database_url, file).await {
                Ok(bytes) => {
                    println!("backup written: {} ({bytes} bytes)", file.display());
                    Ok(())
                }
                Err(err) => Err(err.into()),
            }
        }
        None => aftercare_server::run(config).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("aftercare-server: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
