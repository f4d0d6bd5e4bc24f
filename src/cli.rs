//! Command-line arguments (clap derive): one `Args` struct per command.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "bulletin",
    version,
    about = "Public progress bulletins from YAML figures and Markdown commentary"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print only errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Print more detail (notes, timings).
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into `public/` (or --output).
    Build(BuildArgs),
    /// Check the whole site (data, commentary, links, templates) without writing output.
    Check(CheckArgs),
    /// Preview the site: serve it from memory, rebuild on every change, reload the browser.
    Serve(ServeArgs),
    /// Start a new site in a new or empty folder: one unit, its figures and a bulletin.
    New(NewArgs),
    /// Write a spreadsheet's figures into a unit's data.yaml (comments and order kept).
    Import(ImportArgs),
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The spreadsheet: .csv (UTF-8 or GBK), .xlsx, .ods or .xls.
    pub file: PathBuf,
    /// The unit whose data.yaml gets the figures: its folder under content/.
    #[arg(long)]
    pub unit: String,
    /// The site folder, holding site.yaml.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Print what would be added and changed; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// The folder to make (it must not exist, or be empty).
    pub dir: PathBuf,
    /// The bulletin to start from: a news report, an official document (红头文件) or a plan.
    #[arg(long, value_enum, default_value = "news")]
    pub layout: NewLayout,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewLayout {
    News,
    Document,
    Plan,
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// The site folder, holding site.yaml.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on (0: any free port).
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; other than loopback, the preview is open to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub interface: std::net::IpAddr,
    /// Include draft bulletins, marked 草稿.
    #[arg(long)]
    pub drafts: bool,
    /// Open the home page in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Poll the files for changes instead of waiting for file-system events (network
    /// shares, some containers and virtual machines send none).
    #[arg(long)]
    pub poll: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// The site folder, holding site.yaml.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Check draft bulletins too.
    #[arg(long)]
    pub drafts: bool,
    /// `json` prints one JSON document for CI.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Exit 1 when there are warnings (errors always exit 2).
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// The site folder, holding site.yaml.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The output folder (default: <root>/public).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Include draft bulletins.
    #[arg(long)]
    pub drafts: bool,
    /// Replace a non-empty output folder that bulletin did not make (it has no
    /// .bulletin-output file). Names starting with a dot and `keep:` names are still
    /// kept; the site folder, its parents, content/, themes/, static/ and files are
    /// always refused.
    #[arg(long)]
    pub force: bool,
}
