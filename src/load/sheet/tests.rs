//! Tests of the spreadsheet reader. The fixtures under `tests/fixtures/sheets/` are written
//! by [`fixtures`] when missing (delete them and run `cargo test --lib load::sheet` to
//! write them again): the GBK CSV files through `encoding_rs`, the xlsx files through
//! `rust_xlsxwriter`, the ods files as a zip of hand-written OpenDocument XML. Their
//! figures are those of `content/luan-kfq/data.yaml` (seed 000) and
//! `content/jinan/data.yaml` (seed 001).

use std::collections::BTreeSet;
use std::io::Write as _;
use std::sync::LazyLock;

use super::*;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sheets");

/// 六安开发区, long layout: ids and names mixed, as a clerk writes them.
const LUAN_LONG: &str = "\
指标,时期,数值,增速
地区生产总值,2023,120.0,
地区生产总值,2024年,128.3,5.7
tax_revenue,2023,20.00,
tax_revenue,2024,22.80,
主导产业产值占规上工业总产值比重,2023,77,
主导产业产值占规上工业总产值比重,2024,88,
national_rank,2023,212,—
national_rank,2024,127,
亿元及以上重点项目完成投资,2024,36.45,…
";

/// The same figures, wide, with a title row and a unit-of-measure column.
const LUAN_WIDE: &str = "\
六安经济技术开发区2024年主要经济指标,,,,
指标,单位,2023年,2024年,2024年增速
地区生产总值,亿元,120.0,128.3,5.7
tax_revenue,亿元,20.00,22.80,
主导产业产值占规上工业总产值比重,%,77,88,
national_rank,位,212,127,
亿元及以上重点项目完成投资,亿元,—,36.45,-
";

/// 金安区 targets (seed 001), long: a qualifier column.
const JINAN_LONG: &str = "\
指标,时期,目标,目标增速,限定
规上工业总产值,2023,200,,以上
规上工业总产值,2024,170,,以上
工业投资,2024,,20,以上
新增省级“三首”产品企业,2024,3,,左右
区担保公司担保费率,2024,1,,以内
招引亿元以上工业项目,2024,50,,
";

/// The same targets, wide: qualifiers inside the target cells.
const JINAN_WIDE: &str = "\
指标,2023年目标,2024年目标,2024年目标增速
规上工业总产值,200以上,170以上,
工业投资,,,20%以上
新增省级“三首”产品企业,,3左右,
区担保公司担保费率,,1以内,
招引亿元以上工业项目,,50,
";

/// Writes every fixture that is missing; run once per test process.
static FIXTURES: LazyLock<()> = LazyLock::new(|| {
    std::fs::create_dir_all(DIR).expect("fixture folder");
    let write = |name: &str, bytes: &dyn Fn() -> Vec<u8>| {
        let path = Path::new(DIR).join(name);
        if !path.exists() {
            let tmp = path.with_extension("tmp");
            std::fs::write(&tmp, bytes()).expect("fixture written");
            std::fs::rename(&tmp, &path).expect("fixture renamed");
        }
    };
    let gbk = |text: &str| encoding_rs::GBK.encode(text).0.into_owned();
    write("luan-kfq.long.utf8.csv", &|| LUAN_LONG.as_bytes().to_vec());
    write("luan-kfq.wide.bom.csv", &|| {
        [b"\xEF\xBB\xBF".as_slice(), LUAN_WIDE.as_bytes()].concat()
    });
    write("luan-kfq.long.gbk.csv", &|| gbk(LUAN_LONG));
    write("jinan.long.gbk.csv", &|| gbk(JINAN_LONG));
    write("jinan.wide.gbk.csv", &|| gbk(JINAN_WIDE));
    write("jinan.wide.utf8.csv", &|| JINAN_WIDE.as_bytes().to_vec());
    write("luan-kfq.long.xlsx", &luan_long_xlsx);
    write("luan-kfq.wide.xlsx", &luan_wide_xlsx);
    write("bad.xlsx", &bad_xlsx);
    write("luan-kfq.long.ods", &|| ods(&luan_long_ods()));
    write("luan-kfq.wide.ods", &|| ods(&luan_wide_ods()));
});

fn fixture(name: &str) -> SheetRead {
    LazyLock::force(&FIXTURES);
    read(
        &Path::new(DIR).join(name),
        Path::new(&format!("content/unit/{name}")),
        &SheetMapping::default(),
    )
}

fn csv(text: &str) -> SheetRead {
    csv_mapped(text, &SheetMapping::default())
}

fn csv_mapped(text: &str, mapping: &SheetMapping) -> SheetRead {
    read_csv_bytes(text.as_bytes(), Path::new("data.csv"), mapping)
}

/// What a read says, place aside: `key period field figure`, sorted.
fn facts(read: &SheetRead) -> BTreeSet<String> {
    read.values
        .iter()
        .map(|v| {
            let figure = match &v.figure {
                Figure::Number(d) => d.to_string(),
                Figure::Qualifier(q) => q.as_str().to_string(),
            };
            let unit = v.unit.as_deref().unwrap_or("");
            format!("{unit} {} {} {:?} {figure}", v.indicator, v.period, v.field)
        })
        .collect()
}

/// Every error as `place: message`.
fn messages(read: &SheetRead) -> Vec<String> {
    read.errors.iter().map(ToString::to_string).collect()
}

fn clean(read: SheetRead) -> SheetRead {
    assert!(read.errors.is_empty(), "{:#?}", read.errors);
    read
}

/// The first figure read that passes `test`.
fn value(read: &SheetRead, test: impl Fn(&SheetValue) -> bool) -> &SheetValue {
    read.values.iter().find(|v| test(v)).expect("a figure read")
}

/// Asserts that `read` has no error and exactly these facts.
fn reads_as(read: SheetRead, items: &[&str]) {
    assert_eq!(facts(&clean(read)), set(items));
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(ToString::to_string).collect()
}

fn luan_facts() -> BTreeSet<String> {
    set(&[
        " 地区生产总值 2023 Value 120.0",
        " 地区生产总值 2024 Value 128.3",
        " 地区生产总值 2024 Growth 5.7",
        " tax_revenue 2023 Value 20.00",
        " tax_revenue 2024 Value 22.80",
        " 主导产业产值占规上工业总产值比重 2023 Value 77",
        " 主导产业产值占规上工业总产值比重 2024 Value 88",
        " national_rank 2023 Value 212",
        " national_rank 2024 Value 127",
        " 亿元及以上重点项目完成投资 2024 Value 36.45",
    ])
}

fn jinan_facts() -> BTreeSet<String> {
    set(&[
        " 规上工业总产值 2023 TargetValue 200",
        " 规上工业总产值 2023 Qualifier 以上",
        " 规上工业总产值 2024 TargetValue 170",
        " 规上工业总产值 2024 Qualifier 以上",
        " 工业投资 2024 TargetGrowth 20",
        " 工业投资 2024 Qualifier 以上",
        " 新增省级“三首”产品企业 2024 TargetValue 3",
        " 新增省级“三首”产品企业 2024 Qualifier 左右",
        " 区担保公司担保费率 2024 TargetValue 1",
        " 区担保公司担保费率 2024 Qualifier 以内",
        " 招引亿元以上工业项目 2024 TargetValue 50",
    ])
}

#[test]
fn every_luan_fixture_reads_the_same_figures_in_both_layouts() {
    for name in [
        "luan-kfq.long.utf8.csv",
        "luan-kfq.wide.bom.csv",
        "luan-kfq.long.gbk.csv",
        "luan-kfq.long.xlsx",
        "luan-kfq.wide.xlsx",
        "luan-kfq.long.ods",
        "luan-kfq.wide.ods",
    ] {
        let read = clean(fixture(name));
        assert_eq!(facts(&read), luan_facts(), "{name}");
        assert_eq!(
            read.values.len(),
            luan_facts().len(),
            "{name}: a figure twice"
        );
    }
}

#[test]
fn every_jinan_fixture_reads_targets_and_qualifiers() {
    for name in [
        "jinan.long.gbk.csv",
        "jinan.wide.gbk.csv",
        "jinan.wide.utf8.csv",
    ] {
        assert_eq!(facts(&clean(fixture(name))), jinan_facts(), "{name}");
    }
    // the GBK fixture really is GBK
    LazyLock::force(&FIXTURES);
    let bytes = std::fs::read(Path::new(DIR).join("jinan.wide.gbk.csv")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err());
}

#[test]
fn a_csv_figure_is_located_by_line_and_character_column() {
    let read = clean(fixture("luan-kfq.long.utf8.csv"));
    let growth = value(&read, |v| v.field == Field::Growth);
    // `地区生产总值,2024年,128.3,5.7` on line 3: 5.7 starts at character 20
    assert_eq!(
        growth.place.to_string(),
        "content/unit/luan-kfq.long.utf8.csv:3:20"
    );
    assert_eq!(
        growth.place.spot,
        Spot::Line {
            line: 3,
            col: 20,
            field: 4
        }
    );
    let wide = clean(fixture("luan-kfq.wide.bom.csv"));
    let gdp_2024 = value(&wide, |v| {
        v.indicator == "地区生产总值" && v.field == Field::Value && v.period == Period::Year(2024)
    });
    // the BOM is no character of the line
    assert_eq!(gdp_2024.place.position(), Some(Position::new(3, 17)));
    // blank lines before a row are counted (the csv reader's position is at them)
    let read = clean(csv("指标,时期,数值\n\n\r\n地区生产总值,2024,128.3\n"));
    assert_eq!(read.values[0].place.position(), Some(Position::new(4, 13)));
}

#[test]
fn an_xlsx_figure_is_what_its_number_format_shows_and_is_located_by_cell() {
    let read = clean(fixture("luan-kfq.wide.xlsx"));
    let growth = value(&read, |v| v.field == Field::Growth);
    // the cell holds 5.6999999, formatted 0.0
    assert_eq!(growth.figure, Figure::Number(Decimal::new(57, 1)));
    assert_eq!(
        growth.place.to_string(),
        "content/unit/luan-kfq.wide.xlsx:主要指标!D4"
    );
    assert_eq!(growth.sheet.as_deref(), Some("主要指标"));
    assert_eq!(read.skipped_sheets, ["旧表"]);
    // 20 formatted 0.00 is 20.00, as the YAML writes it
    assert!(facts(&read).contains(" tax_revenue 2023 Value 20.00"));
}

#[test]
fn bad_cells_are_errors_at_their_cell_and_not_available_is_no_figure() {
    let read = fixture("bad.xlsx");
    assert_eq!(
        messages(&read),
        [
            "content/unit/bad.xlsx:Sheet1!B3: `5.7x` is not a number",
            "content/unit/bad.xlsx:Sheet1!B4: a date where a figure belongs",
        ]
    );
    let d = read.errors[0].to_diagnostic();
    assert_eq!(d.location(), "content/unit/bad.xlsx:Sheet1!B3");
    assert!(d.hint.unwrap().contains("—"));
    // 0.057 formatted 0.0% is the 5.7 it shows; "—" and " 5.7 " read as they read
    assert_eq!(
        facts(&read),
        set(&[" 地区生产总值 2024 Value 5.7", " 经营收入 2024 Value 654.0"])
    );
}

#[test]
fn text_cells_read_as_figures_or_not_available() {
    let read = csv("指标,2024年,2024年增速\na, 5.7 ,5.7%\nb,—,…\nc,-,\nd,\"1,234.5\",５.７\n");
    // full-width digits are not a figure: an error, not a guess
    assert_eq!(read.errors.len(), 1, "{:?}", read.errors);
    assert_eq!(read.errors[0].place.to_string(), "data.csv:5:13");
    assert_eq!(
        facts(&read),
        set(&[
            " a 2024 Value 5.7",
            " a 2024 Growth 5.7",
            " d 2024 Value 1234.5"
        ])
    );
}

#[test]
fn utf16_and_tab_separated_text_as_excel_saves_it() {
    let text = "指标\t2024年\n地区生产总值\t5.7\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let read = read_csv_bytes(&bytes, Path::new("data.txt"), &SheetMapping::default());
    reads_as(read, &[" 地区生产总值 2024 Value 5.7"]);
}

#[test]
fn a_mapping_to_nothing_known_is_an_error_naming_the_header() {
    let mapping: SheetMapping = serde_yaml::from_str("headers: { 本期完成: valeu }").unwrap();
    let read = csv_mapped("指标,时期,本期完成\n地区生产总值,2024,128.3\n", &mapping);
    assert_eq!(
        read.errors[0].to_string(),
        "data.csv:1:7: header `本期完成` is mapped to `valeu`, which is neither a field nor a period"
    );
}

#[test]
fn a_file_neither_utf8_nor_gbk_is_an_error() {
    let read = read_csv_bytes(
        b"id,2024\nx,\xff\xff\n",
        Path::new("data.csv"),
        &SheetMapping::default(),
    );
    assert_eq!(read.errors.len(), 1);
    assert_eq!(read.errors[0].kind, ErrorKind::Encoding);
    assert_eq!(read.errors[0].place.to_string(), "data.csv:2:1");
}

#[test]
fn the_monthly_report_layout_takes_its_period_from_the_title() {
    // 统计月报 columns; the figures stand in to test the reading only
    let read = clean(csv("\
2024年1—9月主要经济指标,,,
指标,计量单位,本月,1—9月累计,同比增长%
地区生产总值,亿元,14.2,128.3,5.7
"));
    assert_eq!(
        facts(&read),
        set(&[
            " 地区生产总值 2024-09 Value 14.2",
            " 地区生产总值 2024-01~09 Value 128.3",
            " 地区生产总值 2024-01~09 Growth 5.7",
        ])
    );
    // last year's columns, each beside the period it is last year of
    let read = clean(csv("\
2024年9月统计月报,,,,
指标,本月,上年同月,1—9月累计,上年同期
规上工业增加值,14.2,13.1,128.3,120.0
"));
    assert_eq!(
        facts(&read),
        set(&[
            " 规上工业增加值 2024-09 Value 14.2",
            " 规上工业增加值 2023-09 Value 13.1",
            " 规上工业增加值 2024-01~09 Value 128.3",
            " 规上工业增加值 2023-01~09 Value 120.0",
        ])
    );
    // without a title, 本月 needs the mapping's period
    let untitled = "指标,本月\n地区生产总值,14.2\n";
    let read = csv(untitled);
    assert_eq!(read.errors[0].place.to_string(), "data.csv:1:4");
    assert!(
        read.errors[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("report period")
    );
    let mapping = SheetMapping {
        period: Some("2024-06".parse().unwrap()),
        ..SheetMapping::default()
    };
    let read = csv_mapped(untitled, &mapping);
    reads_as(read, &[" 地区生产总值 2024-06 Value 14.2"]);
}

#[test]
fn the_unit_of_measure_stays_with_each_value_and_target() {
    let read = clean(fixture("luan-kfq.wide.bom.csv"));
    let measures: BTreeSet<(String, Field, Option<String>)> = read
        .values
        .iter()
        .filter(|v| v.indicator == "地区生产总值")
        .map(|v| (v.period.to_string(), v.field, v.measure.clone()))
        .collect();
    let yi = Some("亿元".to_string());
    assert_eq!(
        measures,
        BTreeSet::from([
            ("2023".into(), Field::Value, yi.clone()),
            ("2024".into(), Field::Value, yi),
            ("2024".into(), Field::Growth, None),
        ])
    );
    // a header's brackets name it too: 364500万元 is the 36.45亿元 of the YAML, and
    // converting is the caller's
    let read = clean(csv(
        "指标,2024年（万元）,2024年增速（%）\n亿元及以上重点项目完成投资,364500,—\n",
    ));
    assert_eq!(read.values[0].measure.as_deref(), Some("万元"));
    assert_eq!(
        read.values[0].figure,
        Figure::Number(Decimal::from(364_500))
    );
}

#[test]
fn a_rank_header_names_its_scope_and_basis() {
    // seed 000: GDP growth 全市第二, the tax share 全市第一
    let rank = |read: &SheetRead, key: &str| {
        let v = read
            .values
            .iter()
            .find(|v| v.indicator == key && v.field == Field::Rank);
        v.map(|v| (v.figure.clone(), v.rank.clone().unwrap()))
    };
    let of = |scope: &str, by_growth: bool| RankOf {
        scope: scope.into(),
        by_growth,
    };
    let long = clean(csv("\
指标,时期,数值,增速,增速全市位次,位次（全市）
gdp,2024,128.3,5.7,2,
tax_share,2024,91.74,,,第1位
"));
    assert_eq!(
        rank(&long, "gdp"),
        Some((Figure::Number(Decimal::from(2)), of("全市", true)))
    );
    assert_eq!(
        rank(&long, "tax_share"),
        Some((Figure::Number(Decimal::from(1)), of("全市", false)))
    );
    // under a merged period, and a position that is no position
    let wide = csv("指标,2024年,,\n,数值,增速,增幅排名\ngdp,128.3,5.7,2\ntax_share,91.74,,1.5\n");
    assert_eq!(rank(&wide, "gdp").unwrap().1, of("", true));
    assert_eq!(
        messages(&wide),
        ["data.csv:4:18: `1.5` is not a rank position"]
    );
}

#[test]
fn a_merged_field_over_period_sub_columns() {
    // `数值` merged over 2023年 | 2024年, as CSV saves a merged cell: its text, then empties
    let read = clean(csv("\
指标,数值,,增速,完成率
,2023年,2024年,2024年,
地区生产总值,120.0,128.3,5.7,
tax_revenue,20.00,22.80,,
"));
    assert_eq!(
        facts(&read),
        set(&[
            " 地区生产总值 2023 Value 120.0",
            " 地区生产总值 2024 Value 128.3",
            " 地区生产总值 2024 Growth 5.7",
            " tax_revenue 2023 Value 20.00",
            " tax_revenue 2024 Value 22.80",
        ])
    );
    // a figure row under the header is never taken for a second header row
    let read = clean(csv("指标,2024年\n2023,2024\n"));
    assert_eq!(facts(&read), set(&[" 2023 2024 Value 2024"]));
}

#[test]
fn a_header_cell_that_excel_made_a_date_is_an_error_at_it() {
    let grid = Grid {
        file: "data.xlsx".into(),
        sheet: Some("Sheet1".into()),
        rows: vec![
            vec![Raw::Text("指标".into()), Raw::Other("a date")],
            vec![
                Raw::Text("地区生产总值".into()),
                Raw::Number(Decimal::new(57, 1)),
            ],
        ],
        csv_places: vec![],
    };
    let mut out = SheetRead::default();
    read_grid(&grid, &SheetMapping::default(), &mut out);
    assert_eq!(
        out.errors[0].to_string(),
        "data.xlsx:Sheet1!B1: a header cell holds a date"
    );
    assert!(out.errors[0].hint.as_deref().unwrap().contains("2024年9月"));
}

#[test]
fn a_unit_column_and_a_multi_year_target() {
    // seed 004: 规上工业总产值 1000亿元 by 2026, 巢湖市 800, 安巢经开区 200
    let read = clean(csv("\
地区,指标,2024—2026年目标
巢湖市,规上工业总产值,800
安巢经开区,规上工业总产值,200
"));
    assert_eq!(
        facts(&read),
        set(&[
            "巢湖市 规上工业总产值 2024~2026 TargetValue 800",
            "安巢经开区 规上工业总产值 2024~2026 TargetValue 200",
        ])
    );
}

#[test]
fn a_header_that_is_not_understood_names_its_cell_and_the_mapping_fixes_it() {
    let text = "指标,时期,本期完成\n地区生产总值,2024,128.3\n";
    let read = csv(text);
    assert_eq!(read.errors.len(), 1);
    assert_eq!(read.errors[0].place.to_string(), "data.csv:1:7");
    assert_eq!(
        read.errors[0].message,
        "header `本期完成` is not understood"
    );
    let mapping: SheetMapping = serde_yaml::from_str("headers: { 本期完成: value }").unwrap();
    let read = csv_mapped(text, &mapping);
    reads_as(read, &[" 地区生产总值 2024 Value 128.3"]);
}

#[test]
fn a_bad_period_a_missing_key_and_a_headerless_figure_are_located() {
    let read = csv("指标,时期,数值\n地区生产总值,二〇二四,128.3\n,2024,1\nx,2024,1,9\n");
    assert_eq!(
        messages(&read),
        [
            "data.csv:2:8: `二〇二四` is not a period",
            "data.csv:3:1: a row with figures names no indicator",
            "data.csv:4:10: a figure in a column with no header",
        ]
    );
    assert_eq!(facts(&read), set(&[" x 2024 Value 1"]));
}

#[test]
fn hostile_sheets_neither_panic_nor_pass_silently() {
    // one cell
    let read = csv("5.7");
    assert_eq!(read.errors[0].kind, ErrorKind::Header);
    assert_eq!(read.errors[0].place.to_string(), "data.csv:1:1");
    // an empty file, and rows of nothing
    assert!(csv("").errors.is_empty() && csv(",,,\n,,\n").values.is_empty());
    // 10,000 empty columns after the header
    let wide = format!(
        "指标,2024年{}\n地区生产总值,5.7{}\n",
        ",".repeat(10_000),
        ",".repeat(10_000)
    );
    reads_as(csv(&wide), &[" 地区生产总值 2024 Value 5.7"]);
    // 2,000 named columns
    let many = format!(
        "指标{}\n",
        (0..2_000)
            .map(|i| format!(",{}年", 1900 + i % 300))
            .collect::<String>()
    );
    assert_eq!(csv(&many).errors[0].kind, ErrorKind::Limit);
    // more rows than are read
    let long = format!("指标,2024年\n{}", "a,1\n".repeat(MAX_ROWS + 1));
    let read = csv(&long);
    assert_eq!(read.errors[0].kind, ErrorKind::Limit);
    assert!(read.values.is_empty());
    // a whole header row merged into one title, and nothing else
    let title = Grid {
        file: "data.xlsx".into(),
        sheet: Some("Sheet1".into()),
        rows: vec![vec![
            Raw::Text("2024年主要经济指标".into()),
            Raw::Empty,
            Raw::Empty,
        ]],
        csv_places: vec![],
    };
    let mut out = SheetRead::default();
    read_grid(&title, &SheetMapping::default(), &mut out);
    assert_eq!(out.errors[0].place.to_string(), "data.xlsx:Sheet1!A1");
    // a formula error and TRUE where figures belong
    let cells = Grid {
        file: "data.xlsx".into(),
        sheet: Some("S".into()),
        rows: vec![
            vec![Raw::Text("指标".into()), Raw::Text("2024".into())],
            vec![Raw::Text("a".into()), Raw::Error("#DIV/0!".into())],
            vec![Raw::Text("b".into()), Raw::Other("TRUE/FALSE")],
        ],
        csv_places: vec![],
    };
    let mut out = SheetRead::default();
    read_grid(&cells, &SheetMapping::default(), &mut out);
    assert_eq!(
        messages(&out),
        [
            "data.xlsx:S!B2: the formula gives the error #DIV/0!",
            "data.xlsx:S!B3: TRUE/FALSE where a figure belongs",
        ]
    );
    // quotes and line breaks inside fields do not trip the reader
    let quoted = csv("指标,2024年\n\"a,\n b\",1\n\"c\"\"\",2\n");
    reads_as(quoted, &[" a,\n b 2024 Value 1", " c\" 2024 Value 2"]);
}

#[test]
fn files_too_large_missing_or_not_workbooks_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let mapping = SheetMapping::default();
    let huge = dir.path().join("data.csv");
    // sparse: no 64 MiB is written
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(MAX_BYTES + 1)
        .unwrap();
    let big = read(&huge, Path::new("content/u/data.csv"), &mapping);
    assert_eq!(big.errors[0].kind, ErrorKind::Limit);
    assert_eq!(big.errors[0].place.to_string(), "content/u/data.csv");
    let missing = read(
        &dir.path().join("none.xlsx"),
        Path::new("none.xlsx"),
        &mapping,
    );
    assert_eq!(missing.errors[0].kind, ErrorKind::Io);
    for name in ["data.xlsx", "data.ods", "data.xls"] {
        let fake = dir.path().join(name);
        std::fs::write(&fake, "指标,2024年\n地区生产总值,5.7\n").unwrap();
        let read = read(&fake, Path::new(name), &mapping);
        assert_eq!(read.errors.len(), 1, "{name}");
        assert!(
            read.errors[0]
                .message
                .starts_with("not a readable workbook"),
            "{name}"
        );
        let d = read.errors[0].to_diagnostic();
        assert_eq!(d.location(), name);
    }
}

#[test]
fn number_formats_give_the_shown_decimals() {
    let shown = |v: f64, f: Option<&str>| float_as_shown(v, f).unwrap().to_string();
    assert_eq!(shown(5.699_999_9, Some("0.0")), "5.7");
    assert_eq!(shown(22.8, Some("0.00")), "22.80");
    assert_eq!(shown(0.057, Some("0.0%")), "5.7");
    assert_eq!(shown(0.1 + 0.2, None), "0.3");
    assert_eq!(shown(5.699_999_9, None), "5.6999999");
    assert_eq!(shown(5.699_999_9, Some("General")), "5.6999999");
    assert_eq!(shown(1234.5, Some("#,##0.0#")), "1234.5");
    assert_eq!(shown(1234.567, Some("#,##0.0#")), "1234.57");
    assert_eq!(shown(2.5, Some("0")), "3");
    assert_eq!(shown(-2.5, Some("0;[Red]-0")), "-3");
    assert_eq!(shown(128.3, Some("0.0\"亿元\"")), "128.3");
    assert!(float_as_shown(f64::NAN, None).is_none());
}

#[test]
fn period_headers_in_the_forms_offices_write() {
    for (text, period, rest) in [
        ("2024年", "2024", ""),
        ("2024", "2024", ""),
        ("2024Q3", "2024Q3", ""),
        ("2024-09", "2024-09", ""),
        ("2024-01~09", "2024-01~09", ""),
        ("2024年1—9月", "2024-01~09", ""),
        ("2024年1-9月累计", "2024-01~09", ""),
        ("2024年9月", "2024-09", ""),
        ("2024年三季度", "2024Q3", ""),
        ("2024年第一季度", "2024Q1", ""),
        ("2024年上半年", "2024H1", ""),
        ("2024—2026年", "2024~2026", ""),
        ("2024年增速", "2024", "增速"),
    ] {
        let n = normalise(text);
        let (p, r) = period_prefix(&n).unwrap_or_else(|| panic!("{text}"));
        assert_eq!((p.to_string().as_str(), r), (period, rest), "{text}");
    }
    for text in ["二〇二四年", "2024年13月", "2024年9—3月", "指标"] {
        assert!(period_prefix(&normalise(text)).is_none(), "{text}");
    }
    assert_eq!(normalise(" 同比增长（%） "), "同比增长");
    assert_eq!(normalise("数值(亿元)"), "数值");
}

#[test]
fn cell_names_and_field_columns() {
    assert_eq!(cell_name(6, 3), "D7");
    assert_eq!(cell_name(0, 25), "Z1");
    assert_eq!(cell_name(0, 26), "AA1");
    assert_eq!(cell_name(9, 701), "ZZ10");
    assert_eq!(field_columns("甲,\"b,c\",d\nx,y", 3, ','), [1, 3, 9]);
    assert_eq!(field_columns("甲\tb\tc", 3, '\t'), [1, 3, 5]);
}

// ── fixture writers ─────────────────────────────────────────────────────────────

fn xlsx(build: impl FnOnce(&mut rust_xlsxwriter::Workbook)) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let when = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 2, 8).unwrap();
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&when));
    build(&mut book);
    book.save_to_buffer().expect("xlsx written")
}

fn luan_long_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::Format;
    xlsx(|book| {
        let s = book.add_worksheet();
        s.set_name("长表").unwrap();
        let one = Format::new().set_num_format("0.0");
        let two = Format::new().set_num_format("0.00");
        for (c, h) in ["指标", "时期", "数值", "增速"].iter().enumerate() {
            s.write_string(0, c as u16, *h).unwrap();
        }
        let rows: [(&str, &str, f64, &Format); 9] = [
            ("地区生产总值", "2023", 120.0, &one),
            ("地区生产总值", "2024年", 128.3, &one),
            ("tax_revenue", "2023", 20.0, &two),
            ("tax_revenue", "2024", 22.8, &two),
            (
                "主导产业产值占规上工业总产值比重",
                "2023",
                77.0,
                &Format::new(),
            ),
            (
                "主导产业产值占规上工业总产值比重",
                "2024",
                88.0,
                &Format::new(),
            ),
            ("national_rank", "2023", 212.0, &Format::new()),
            ("national_rank", "2024", 127.0, &Format::new()),
            ("亿元及以上重点项目完成投资", "2024", 36.45, &two),
        ];
        for (i, (key, period, value, format)) in rows.iter().enumerate() {
            let r = i as u32 + 1;
            s.write_string(r, 0, *key).unwrap();
            // a year typed as a number, as Excel users do
            match period.parse::<f64>() {
                Ok(y) => s.write_number(r, 1, y).unwrap(),
                Err(_) => s.write_string(r, 1, *period).unwrap(),
            };
            s.write_number_with_format(r, 2, *value, format).unwrap();
        }
        s.write_number_with_format(2, 3, 5.699_999_9, &one).unwrap();
        s.write_string(7, 3, "—").unwrap();
    })
}

fn luan_wide_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::Format;
    xlsx(|book| {
        let s = book.add_worksheet();
        s.set_name("主要指标").unwrap();
        let one = Format::new().set_num_format("0.0");
        let two = Format::new().set_num_format("0.00");
        // a title merged over the whole header, a key merged over two header rows, and
        // 2024年 merged over 数值 | 增速
        s.merge_range(
            0,
            0,
            0,
            3,
            "六安经济技术开发区2024年主要经济指标",
            &Format::new(),
        )
        .unwrap();
        s.merge_range(1, 0, 2, 0, "指标", &Format::new()).unwrap();
        s.write_string(1, 1, "2023年").unwrap();
        s.merge_range(1, 2, 1, 3, "2024年", &Format::new()).unwrap();
        for (c, h) in ["数值", "数值", "增速"].iter().enumerate() {
            s.write_string(2, c as u16 + 1, *h).unwrap();
        }
        let rows: [(&str, Option<f64>, f64, &Format); 5] = [
            ("地区生产总值", Some(120.0), 128.3, &one),
            ("tax_revenue", Some(20.0), 22.8, &two),
            (
                "主导产业产值占规上工业总产值比重",
                Some(77.0),
                88.0,
                &Format::new(),
            ),
            ("national_rank", Some(212.0), 127.0, &Format::new()),
            ("亿元及以上重点项目完成投资", None, 36.45, &two),
        ];
        for (i, (key, before, value, format)) in rows.iter().enumerate() {
            let r = i as u32 + 3;
            s.write_string(r, 0, *key).unwrap();
            match before {
                Some(v) => s.write_number_with_format(r, 1, *v, format).unwrap(),
                None => s.write_string(r, 1, "—").unwrap(),
            };
            s.write_number_with_format(r, 2, *value, format).unwrap();
        }
        s.write_number_with_format(3, 3, 5.699_999_9, &one).unwrap();
        // last year's copy, hidden: never read
        let old = book.add_worksheet();
        old.set_name("旧表").unwrap().set_hidden(true);
        old.write_string(0, 0, "指标").unwrap();
        old.write_string(0, 1, "2024年").unwrap();
        old.write_string(1, 0, "地区生产总值").unwrap();
        old.write_number(1, 1, 999.0).unwrap();
    })
}

fn bad_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::Format;
    xlsx(|book| {
        let s = book.add_worksheet();
        s.write_string(0, 0, "指标").unwrap();
        s.write_string(0, 1, "2024年").unwrap();
        s.write_string(1, 0, "地区生产总值").unwrap();
        s.write_number_with_format(1, 1, 0.057, &Format::new().set_num_format("0.0%"))
            .unwrap();
        s.write_string(2, 0, "税收收入").unwrap();
        s.write_string(2, 1, "5.7x").unwrap();
        s.write_string(3, 0, "经营收入").unwrap();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 9, 1).unwrap();
        s.write_datetime_with_format(3, 1, &date, &Format::new().set_num_format("yyyy-mm"))
            .unwrap();
        s.write_string(4, 0, "经营收入").unwrap();
        s.write_string(4, 1, " 654.0 ").unwrap();
        s.write_string(5, 0, "新材料产业产值").unwrap();
        s.write_string(5, 1, "—").unwrap();
    })
}

/// A cell of a hand-written ods sheet.
enum Od {
    Text(&'static str),
    /// The value stored and the text shown.
    Float(&'static str, &'static str),
    /// A text spanning columns (a merged cell); the covered cells follow as `Covered`.
    Span(&'static str, u32),
    Covered,
    Empty,
}

fn luan_long_ods() -> Vec<Vec<Od>> {
    use Od::*;
    let mut rows = vec![vec![Text("指标"), Text("时期"), Text("数值"), Text("增速")]];
    for (key, period, value, growth) in [
        ("地区生产总值", "2023", "120.0", Empty),
        ("地区生产总值", "2024年", "128.3", Float("5.7", "5.7")),
        ("tax_revenue", "2023", "20.00", Empty),
        ("tax_revenue", "2024", "22.80", Empty),
        ("主导产业产值占规上工业总产值比重", "2023", "77", Empty),
        ("主导产业产值占规上工业总产值比重", "2024", "88", Empty),
        ("national_rank", "2023", "212", Text("—")),
        ("national_rank", "2024", "127", Empty),
        ("亿元及以上重点项目完成投资", "2024", "36.45", Empty),
    ] {
        // ods keeps no number format calamine reads: the shown text is what the figure
        // must be, so these are typed as text where a scale matters (20.00)
        let value = if value.contains('.') {
            Text(value)
        } else {
            Float(value, value)
        };
        rows.push(vec![Text(key), Text(period), value, growth]);
    }
    rows
}

fn luan_wide_ods() -> Vec<Vec<Od>> {
    use Od::*;
    vec![
        vec![
            Span("六安经济技术开发区2024年主要经济指标", 4),
            Covered,
            Covered,
            Covered,
        ],
        vec![Text("指标"), Text("2023年"), Span("2024年", 2), Covered],
        vec![Empty, Text("数值"), Text("数值"), Text("增速")],
        vec![
            Text("地区生产总值"),
            Text("120.0"),
            Text("128.3"),
            Float("5.7", "5.7"),
        ],
        vec![Text("tax_revenue"), Text("20.00"), Text("22.80"), Empty],
        vec![
            Text("主导产业产值占规上工业总产值比重"),
            Float("77", "77"),
            Float("88", "88"),
            Empty,
        ],
        vec![
            Text("national_rank"),
            Float("212", "212"),
            Float("127", "127"),
            Empty,
        ],
        vec![
            Text("亿元及以上重点项目完成投资"),
            Text("—"),
            Text("36.45"),
            Empty,
        ],
    ]
}

/// An OpenDocument spreadsheet of one sheet `Sheet1`: the mimetype stored first, the
/// manifest, and the content.
fn ods(rows: &[Vec<Od>]) -> Vec<u8> {
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#,
        r#"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#,
        r#"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">"#,
        r#"<office:body><office:spreadsheet><table:table table:name="Sheet1">"#
    ));
    for row in rows {
        xml.push_str("<table:table-row>");
        for cell in row {
            xml.push_str(&match cell {
                Od::Text(t) => format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
                ),
                Od::Float(v, shown) => format!(
                    r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{shown}</text:p></table:table-cell>"#
                ),
                Od::Span(t, n) => format!(
                    r#"<table:table-cell table:number-columns-spanned="{n}" office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
                ),
                Od::Covered => "<table:covered-table-cell/>".to_string(),
                Od::Empty => "<table:table-cell/>".to_string(),
            });
        }
        xml.push_str("</table:table-row>");
    }
    xml.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    let manifest = concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">"#,
        r#"<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#,
        r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>"#,
        r#"</manifest:manifest>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", xml.as_str()),
    ] {
        zip.start_file(name, stored).expect("zip entry");
        zip.write_all(body.as_bytes()).expect("zip written");
    }
    zip.finish().expect("zip finished").into_inner()
}

proptest::proptest! {
    #[test]
    fn no_text_or_number_makes_the_reader_panic(
        text in "\\PC{0,40}",
        format in "[0#?.,%;\"\\[\\]Eea-z_*\\\\]{0,40}",
        v in proptest::num::f64::ANY,
    ) {
        let mapping = SheetMapping::default();
        let _ = classify(&text, &mapping);
        let _ = period_prefix(&normalise(&text));
        let _ = relative_prefix(&normalise(&text));
        let _ = measure_of(&text);
        let _ = rank_of(&text);
        for field in [Field::Value, Field::TargetValue, Field::Qualifier, Field::Rank] {
            let _ = figures_of(&Raw::Text(text.clone()), field);
        }
        let _ = float_as_shown(v, Some(&format));
        let _ = float_as_shown(v, None);
        let _ = csv(&text);
        let _ = read_csv_bytes(text.as_bytes(), Path::new("data.csv"), &mapping);
    }
}

#[test]
fn extreme_formats_and_figures_are_read_or_refused() {
    let zeros = format!("0.{}", "0".repeat(40));
    // past the 28 decimals a Decimal holds: still 5.7
    assert_eq!(float_as_shown(5.7, Some(&zeros)), Some(Decimal::new(57, 1)));
    assert!(float_as_shown(1e300, Some("0.0")).is_none());
    // too small for a Decimal: refused (an error at the cell), not read as 0
    assert!(float_as_shown(1e-300, None).is_none());
}
