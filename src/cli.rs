//! Command-line arguments (clap derive): one `Args` struct per command. The derive
//! attributes hold the English help; [`command`] puts the Chinese over them for `--lang
//! zh` or a Chinese locale, so both languages list the same arguments.

use std::path::PathBuf;

use bulletin::lang::Lang;
use clap::{Arg, ArgAction, CommandFactory, Parser, Subcommand};

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
    /// The language of messages: en or zh (default: the site's `language`, else the
    /// locale).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LangArg {
    En,
    #[value(alias = "zh-CN", alias = "zh-cn")]
    Zh,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Zh => Lang::Zh,
        }
    }
}

/// `--lang X` or `--lang=X` among the raw arguments, before clap parses them: the help
/// must be in the right language before clap prints it.
pub fn lang_in_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Lang::from_tag(v);
        }
        if a == "--lang" {
            return it.next().and_then(Lang::from_tag);
        }
    }
    None
}

/// A parse error of clap's in Chinese (clap's own words are English), for the kinds a
/// user meets; None for the others (help and version print as they are).
pub fn error_zh(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind as C, ContextValue as V, ErrorKind as K};
    let get = |kind| match e.get(kind)? {
        V::String(s) => Some(s.clone()),
        V::Strings(v) => Some(v.join("、")),
        V::StyledStr(s) => Some(s.to_string()),
        V::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
        ),
        _ => None,
    };
    let what = match e.kind() {
        K::InvalidSubcommand => format!("没有“{}”这个命令", get(C::InvalidSubcommand)?),
        K::UnknownArgument => format!("不认识的参数“{}”", get(C::InvalidArg)?),
        K::MissingRequiredArgument => format!("缺少参数 {}", get(C::InvalidArg)?),
        K::MissingSubcommand | K::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令（build、check、serve 或 new）".to_string()
        }
        K::InvalidValue | K::ValueValidation => format!(
            "{} 的值“{}”无效",
            get(C::InvalidArg)?,
            get(C::InvalidValue).unwrap_or_default()
        ),
        K::ArgumentConflict => format!("参数 {} 不能同时使用", get(C::InvalidArg)?),
        K::TooManyValues => {
            format!("参数 {} 给了多余的值", get(C::InvalidArg)?)
        }
        _ => return None,
    };
    let mut out = format!(
        "错误：{what}
"
    );
    if let Some(s) = get(C::SuggestedSubcommand).or_else(|| get(C::SuggestedArg)) {
        out.push_str(&format!(
            "
  提示：是否应为“{s}”？
"
        ));
    }
    if let Some(v) = get(C::ValidValue) {
        out.push_str(&format!(
            "  可选的值：{v}
"
        ));
    }
    if let Some(usage) = get(C::Usage) {
        let usage = usage.trim_start_matches("Usage:").trim();
        out.push_str(&format!(
            "
用法：{usage}
"
        ));
    }
    out.push_str(
        "
加 --help 查看说明。
",
    );
    Some(out)
}

/// The command line in `lang`: the derive's English, or the Chinese put over it.
pub fn command(lang: Lang) -> clap::Command {
    let cmd = Cli::command();
    match lang {
        Lang::En => cmd,
        Lang::Zh => chinese(cmd),
    }
}

/// clap's own words (Usage, Options, Print help, [default: …]) are English; in Chinese
/// we write the templates, the usage lines, the help and version flags and the defaults
/// ourselves.
fn chinese(cmd: clap::Command) -> clap::Command {
    let template = |positionals: bool| {
        if positionals {
            "{about-with-newline}\n用法：{usage}\n\n参数：\n{positionals}\n\n选项：\n{options}\n"
        } else {
            "{about-with-newline}\n用法：{usage}\n\n选项：\n{options}\n"
        }
    };
    let zh_help = |c: clap::Command, usage: &'static str, positionals: bool| {
        c.help_template(template(positionals))
            .override_usage(usage)
            // Defaults and choices are written into the Chinese help texts.
            .mut_args(|a| {
                if a.get_action().takes_values() {
                    a.hide_default_value(true).hide_possible_values(true)
                } else {
                    a
                }
            })
            .disable_help_flag(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help("显示本帮助"),
            )
    };
    let mut cmd = cmd
        .about("用 YAML 数据和 Markdown 正文生成公开的进展情况通报网站")
        .help_template(
            "{about-with-newline}\n用法：{usage}\n\n命令：\n{subcommands}\n\n选项：\n{options}\n",
        )
        .override_usage("bulletin [选项] <命令>")
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示本帮助"),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本号"),
        )
        .zh_arg("quiet", |a| a.help("只显示错误"))
        .zh_arg("verbose", |a| a.help("显示更多信息（说明、各阶段用时）"))
        .zh_arg("lang", |a| {
            a.value_name("语言")
                .hide_possible_values(true)
                .help("提示信息的语言：en 英文，zh 中文（默认按站点的 language，其次按系统语言）")
        });
    let root = |a: Arg| {
        a.value_name("文件夹")
            .help("站点文件夹，含 site.yaml（默认：当前文件夹）")
    };
    cmd = cmd
        .zh_sub("build", |c| {
            zh_help(c, "bulletin build [选项]", false)
                .about("生成站点，写入 public/（或 --output 指定的文件夹）")
                .zh_arg("root", root)
                .zh_arg("output", |a| a.value_name("文件夹").help("输出文件夹（默认：<站点文件夹>/public）"))
                .zh_arg("drafts", |a| a.help("包括草稿"))
                .zh_arg("force", |a| {
                    a.help(
                        "替换一个不是 bulletin 生成的非空输出文件夹（其中没有 .bulletin-output 文件）。\
                         以点开头的文件和 keep: 列出的名称仍然保留；站点文件夹及其上级、\
                         content/、themes/、static/ 和文件永远不会被替换",
                    )
                })
                .zh_arg("package", |a| {
                    a.value_name("路径").help(
                        "同时把输出打成 zip 发布包，并写出每个文件 SHA-256 的清单，供上传内容管理系统\
                         和审计：放在输出文件夹旁（public.zip、public.sha256）或写到指定路径；\
                         不写进输出文件夹，也不覆盖不是 bulletin 打的包",
                    )
                })
        })
        .zh_sub("check", |c| {
            zh_help(c, "bulletin check [选项]", false)
                .about("检查整个站点（数据、正文、链接、模板），不写出任何文件")
                .zh_arg("root", root)
                .zh_arg("drafts", |a| a.help("同时检查草稿"))
                .zh_arg("format", |a| {
                    a.value_name("格式")
                        .help("human：供人阅读（默认）；json：输出一个 JSON 文档，供持续集成使用")
                })
                .zh_arg("deny_warnings", |a| a.help("有警告时以 1 退出（有错误时总是以 2 退出）"))
        })
        .zh_sub("serve", |c| {
            zh_help(c, "bulletin serve [选项]", false)
                .about("预览站点：在内存中生成，每次修改后重新生成并刷新浏览器")
                .zh_arg("root", root)
                .zh_arg("port", |a| a.value_name("端口").help("监听的端口（默认：1111；0：任一空闲端口）"))
                .zh_arg("interface", |a| {
                    a.value_name("地址").help(
                        "监听的地址（默认：127.0.0.1）；不是本机回环地址时，网络上的人都能看到预览",
                    )
                })
                .zh_arg("drafts", |a| a.help("包括草稿，标为“草稿”"))
                .zh_arg("open", |a| a.help("在默认浏览器中打开首页"))
                .zh_arg("poll", |a| {
                    a.help(
                        "定时查看文件是否修改，而不等待文件系统通知\
                         （网络共享盘、部分容器和虚拟机不发通知）",
                    )
                })
        })
        .zh_sub("new", |c| {
            zh_help(c, "bulletin new [选项] <文件夹>", true)
                .about("在新的或空的文件夹中新建站点：一个单位、它的数据和一篇通报")
                .zh_arg("dir", |a| a.value_name("文件夹").help("要新建的文件夹（必须不存在，或为空）"))
                .zh_arg("layout", |a| {
                    a.value_name("样式")
                        .help("从哪种通报开始：news 新闻稿（默认）、document 红头文件、plan 规划")
                })
        })
        .zh_sub("import", |c| {
            zh_help(c, "bulletin import [选项] --unit <单位> <表格文件>", true)
                .about("把表格中的数字一次性写入一个单位的 data.yaml（保留注释和顺序），并列出新增和修改的数字")
                .zh_arg("file", |a| {
                    a.value_name("表格文件")
                        .help("表格：.csv（UTF-8 或 GBK）、.xlsx、.ods 或 .xls")
                })
                .zh_arg("unit", |a| {
                    a.value_name("单位").help("写入哪个单位的 data.yaml：它在 content/ 下的文件夹")
                })
                .zh_arg("root", root)
                .zh_arg("dry_run", |a| a.help("只列出将新增和修改的数字，不写入任何文件"))
        });
    // clap adds the `help` subcommand when it builds the command: build first, then
    // put its Chinese over it.
    cmd.build();
    cmd.zh_sub("help", |c| {
        c.about("显示本帮助，或某个命令的帮助")
            .help_template("{about-with-newline}\n用法：{usage}\n\n参数：\n{positionals}\n")
            .override_usage("bulletin help [命令]")
    })
}

/// `mut_arg` and `mut_subcommand` that leave a command as it is when it has no such
/// argument or subcommand (clap panics): an option renamed or removed on another branch
/// then shows its English help instead of stopping the program.
trait Zh: Sized {
    fn zh_arg(self, id: &str, f: impl FnOnce(Arg) -> Arg) -> Self;
    fn zh_sub(self, name: &str, f: impl FnOnce(clap::Command) -> clap::Command) -> Self;
}

impl Zh for clap::Command {
    fn zh_arg(self, id: &str, f: impl FnOnce(Arg) -> Arg) -> Self {
        if self.get_arguments().any(|a| a.get_id() == id) {
            self.mut_arg(id, f)
        } else {
            self
        }
    }

    fn zh_sub(self, name: &str, f: impl FnOnce(clap::Command) -> clap::Command) -> Self {
        if self.find_subcommand(name).is_some() {
            self.mut_subcommand(name, f)
        } else {
            self
        }
    }
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
    /// Also write a zip of the output with a manifest of every file's SHA-256, for a CMS
    /// upload and audit: beside the output (public.zip, public.sha256) or at PATH; never
    /// inside the output, and never over a file that is not an earlier package.
    #[arg(long, value_name = "PATH", num_args = 0..=1)]
    pub package: Option<Option<PathBuf>>,
}
