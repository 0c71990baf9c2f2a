use m3ter_sandbox::cli;

#[tokio::main]
async fn main() {
    let config = match cli::parse(std::env::args().skip(1)) {
        Ok(Some(config)) => config,
        Ok(None) => {
            print!("{}", cli::HELP);
            return;
        }
        Err(message) => {
            eprintln!("error: {message}");
            std::process::exit(2);
        }
    };
    let running = match m3ter_sandbox::start(config.clone()).await {
        Ok(running) => running,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", config.addr);
            std::process::exit(1);
        }
    };
    println!("{}", cli::banner(&running.url(), &config));
    m3ter_sandbox::run_until_ctrl_c(running).await;
}
