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
}
