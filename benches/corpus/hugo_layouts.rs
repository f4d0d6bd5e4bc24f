//! The Hugo twin's layout: the news theme's structure in Go templates, of the same weight,
//! so that both tools render pages of the same size.

pub(crate) const HUGO_LAYOUTS: [(&str, &str); 7] = [
    (
        "_default/baseof.html",
        r##"<!DOCTYPE html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} - {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ .Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "css/news.css" | relURL }}">
</head>
<body class="kind-{{ .Kind }}">
<a class="skip-link" href="#main">跳到正文</a>
<header class="site-header">
  <div class="topbar">
    <div class="wrap topbar-inner">
      <div class="tools" role="group" aria-label="无障碍浏览">
        <input type="checkbox" id="opt-large" class="tool-input"><label for="opt-large" class="tool">大字版</label>
        <input type="checkbox" id="opt-contrast" class="tool-input"><label for="opt-contrast" class="tool">高对比度</label>
      </div>
    </div>
  </div>
  <div class="band">
    <div class="wrap">
      {{ if .IsHome -}}
      <h1 class="site-title"><a href="{{ "" | relURL }}">{{ site.Title }}</a></h1>
      {{- else -}}
      <p class="site-title"><a href="{{ "" | relURL }}">{{ site.Title }}</a></p>
      {{- end }}
      {{ with site.Params.organisation }}<p class="site-org">{{ . }}</p>{{ end }}
    </div>
  </div>
  <nav class="site-nav" aria-label="网站导航">
    <div class="wrap">
      <ul>
        <li><a href="{{ "" | relURL }}"{{ if .IsHome }} aria-current="page"{{ end }}>首页</a></li>
        {{- range first 12 site.Menus.main }}
        <li><a href="{{ .URL }}">{{ .Name }}</a></li>
        {{- end }}
      </ul>
    </div>
  </nav>
</header>
<div class="wrap">
{{ block "breadcrumb" . }}{{ end }}
</div>
<main id="main" class="wrap main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap">
    <dl class="footer-fields">
      {{- with site.Params.footer }}
      {{- with .sponsor }}<div><dt>主办单位：</dt><dd>{{ . }}</dd></div>{{ end }}
      {{- with .site_code }}<div><dt>网站标识码：</dt><dd>{{ . }}</dd></div>{{ end }}
      {{- with .icp }}<div><dt>ICP备案号：</dt><dd>{{ . }}</dd></div>{{ end }}
      {{- with .police }}<div><dt>公安机关备案号：</dt><dd>{{ . }}</dd></div>{{ end }}
      {{- with .contact }}<div><dt>联系电话：</dt><dd>{{ . }}</dd></div>{{ end }}
      {{- with .address }}<div><dt>地址：</dt><dd>{{ . }}</dd></div>{{ end }}
      {{- end }}
    </dl>
  </div>
</footer>
</body>
</html>
"##,
    ),
    (
        "_default/single.html",
        r##"{{ define "breadcrumb" }}
<nav class="crumbs" aria-label="当前位置">
  <ol>
    <li><a href="{{ "" | relURL }}">首页</a></li>
    <li><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></li>
    <li><span aria-current="page">正文</span></li>
  </ol>
</nav>
{{ end }}
{{ define "main" }}
<article class="article" aria-labelledby="headline">
  <header class="article-head">
    {{- with .Params.kicker }}
    <p class="kicker"><span>{{ . }}</span></p>
    {{- end }}
    <h1 class="headline" id="headline">{{ .Title }}</h1>
    {{- with .Params.subtitle }}
    <p class="subtitle">{{ . }}</p>
    {{- end }}
    <p class="dateline meta">
      <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time>
      {{- with .Params.source }}<span>来源：{{ . }}</span>{{ end }}
      {{- with .Params.byline }}<span><span class="visually-hidden">作者：</span>{{ . }}</span>{{ end }}
    </p>
  </header>
  {{- with .Params.figures }}
  <section class="article-figures" aria-labelledby="figures-title">
    <h2 class="kf-title" id="figures-title">主要数据<span>{{ $.Params.period_label }}</span></h2>
    {{ partial "figures.html" . }}
  </section>
  {{- end }}
  <div class="article-body">
    {{ .Content }}
  </div>
  <footer class="article-foot">
    <dl class="meta">
      <div><dt>发布单位：</dt><dd><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></dd></div>
      <div><dt>报告期：</dt><dd>{{ .Params.period_label }}</dd></div>
      <div><dt>发布时间：</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time></dd></div>
    </dl>
    <p class="back-links"><a href="{{ .Parent.RelPermalink }}">返回{{ .Parent.Title }}</a><a href="{{ "" | relURL }}">返回首页</a></p>
  </footer>
</article>
{{ end }}
"##,
    ),
    (
        "_default/list.html",
        r##"{{ define "breadcrumb" }}
<nav class="crumbs" aria-label="当前位置">
  <ol>
    <li><a href="{{ "" | relURL }}">首页</a></li>
    {{- with .Parent }}{{ if not .IsHome }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
    {{- end }}{{ end }}
    <li><span aria-current="page">{{ .Title }}</span></li>
  </ol>
</nav>
{{ end }}
{{ define "main" }}
<div class="columns columns-unit">
<header class="unit-head">
  {{- with .Params.level }}
  <p class="unit-level">{{ . }}</p>
  {{- end }}
  <h1 class="unit-name">{{ .Title }}</h1>
  {{- with .Params.short_name }}
  <p class="meta">简称：{{ . }}</p>
  {{- end }}
  <dl class="unit-rel">
    {{- with .Parent }}{{ if not .IsHome }}
    <div><dt>上级单位：</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd></div>
    {{- end }}{{ end }}
    {{- with .Sections }}
    <div><dt>下属单位：</dt><dd>
      <ul class="inline-list" role="list">
        {{- range . }}
        <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
        {{- end }}
      </ul>
    </dd></div>
    {{- end }}
  </dl>
</header>
<div class="unit-main">
<section class="unit-section" aria-labelledby="unit-bulletins-title">
  <h2 class="col-title" id="unit-bulletins-title">公报列表</h2>
  {{ partial "bulletin_list.html" (dict "pages" .RegularPages "show_unit" false) }}
</section>
<section class="unit-section unit-desc">
  {{ .Content }}
</section>
</div>
</div>
{{ end }}
"##,
    ),
    (
        "index.html",
        r##"{{ define "main" }}
<div class="home-intro">
  {{ .Content }}
</div>
{{- with .Params.figures }}
<section class="home-figures" aria-labelledby="figures-title">
  <h2 class="col-title" id="figures-title">数据速览</h2>
  {{ partial "figures.html" . }}
</section>
{{- end }}
<div class="columns">
  <section class="col-main" aria-labelledby="latest-title">
    <h2 class="col-title" id="latest-title">最新公报</h2>
    {{ partial "bulletin_list.html" (dict "pages" (first 20 site.RegularPages.ByDate.Reverse) "show_unit" true) }}
  </section>
  <section class="col-side" aria-labelledby="units-title">
    <h2 class="col-title" id="units-title">单位一览</h2>
    <ul class="unit-list" role="list">
      {{- range where site.Pages "Kind" "section" }}
      <li>
        <a href="{{ .RelPermalink }}">{{ .Title }}</a>
        <span class="meta">{{ with .Params.level }}<span>{{ . }}</span>{{ end }}<span>{{ len .RegularPages }}篇公报</span></span>
      </li>
      {{- end }}
    </ul>
  </section>
</div>
{{ end }}
"##,
    ),
    (
        "404.html",
        r##"{{ define "main" }}
<div class="not-found">
  <p class="not-found-code" aria-hidden="true">404</p>
  <h1>页面未找到</h1>
  <p>您访问的页面不存在，可能已被移动或删除。请检查网址，或从首页重新查找。</p>
  <p><a class="button" href="{{ "" | relURL }}">返回首页</a></p>
</div>
{{ end }}
"##,
    ),
    (
        "partials/bulletin_list.html",
        r##"{{- $show_unit := .show_unit -}}
{{- with .pages }}
<ol class="blist" role="list">
  {{- range $i, $p := . }}
  <li class="blist-item{{ if eq $i 0 }} is-first{{ end }}">
    <h3 class="blist-title"><a href="{{ $p.RelPermalink }}">{{ $p.Title }}</a></h3>
    <p class="meta">
      <time datetime="{{ $p.Date.Format "2006-01-02" }}">{{ $p.Date.Format "2006年1月2日" }}</time>
      {{- if $show_unit }}<span>{{ $p.Parent.LinkTitle }}</span>{{ end }}
      {{- with $p.Params.period_label }}<span>报告期：{{ . }}</span>{{ end }}
    </p>
    {{- with $p.Params.summary }}
    <p class="blist-summary">{{ . }}</p>
    {{- end }}
  </li>
  {{- end }}
</ol>
{{- else }}
<p class="empty">暂无公报。</p>
{{- end }}
"##,
    ),
    (
        "partials/figures.html",
        r##"<dl class="kf-strip">
  {{- range . }}
  <div class="kf">
    <dt class="kf-label">{{ .label }}{{ with .period }}<span class="kf-period">{{ . }}</span>{{ end }}</dt>
    <dd class="kf-value"><span class="kf-num">{{ .value }}</span><span class="kf-unit">{{ .unit }}</span></dd>
    {{- with .change }}
    <dd class="kf-change">{{ . }}</dd>
    {{- end }}
    {{- with .rank }}
    <dd class="kf-rank">{{ . }}</dd>
    {{- end }}
  </div>
  {{- end }}
</dl>
"##,
    ),
];
