//! The hot paths of a build, one at a time (divan): YAML load, comparisons, commentary
//! with components, and a whole bulletin page. Whole-site timings against Hugo are
//! `benches/compare.sh`. Run with `cargo bench --bench hot_paths`.

use std::path::Path;

use bulletin::bench_api;

fn main() {
    divan::main();
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[divan::bench]
fn yaml_load_data(bencher: divan::Bencher) {
    let text =
        std::fs::read_to_string(root().join("content/luan-kfq/data.yaml")).expect("example data");
    bencher.bench(|| bench_api::parse_data_yaml(divan::black_box(&text)));
}

#[divan::bench]
fn comparison_phrased() -> usize {
    // seed 000: 36.45亿元 against a plan of 23.3亿元, last year 30.00
    bench_api::comparison(
        divan::black_box("36.45"),
        divan::black_box("30.00"),
        divan::black_box("23.3"),
    )
}

#[divan::bench]
fn commentary_with_components(bencher: divan::Bencher) {
    let site = bench_api::prepare(root()).expect("the example site loads");
    bencher.bench(|| bench_api::render_commentary(&site, divan::black_box(0)));
}

#[divan::bench]
fn bulletin_page(bencher: divan::Bencher) {
    let site = bench_api::prepare(root()).expect("the example site loads");
    assert!(site.bulletins() > 0);
    bencher.bench(|| bench_api::render_page(&site, divan::black_box(0)));
}
