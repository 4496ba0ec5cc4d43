/// The Mustache templates of the report (hummingbird-project/swift-mustache: `{{name}}` is
/// HTML-escaped; the templates use no triple mustache except for `{{{style}}}` and `{{{script}}}`,
/// which are the constants below, and the overview's data inside `<script type="application/json">`,
/// which `OverviewData` escapes for that place: no `<`, `>` or `&` in it). Everything is in the page itself:
/// no external asset, no network, readable from a file share.
enum ReportTemplates {
    static let style = #"""
        <style>
        :root { --ok: #2e7d32; --late: #ef6c00; --bad: #c62828; --due: #78909c; --line: #d0d7de; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
               margin: 0 auto; max-width: 1280px; padding: 12px 20px; color: #1f2328; font-size: 14px; line-height: 1.45; }
        h1 { font-size: 22px; margin: 6px 0; } h2 { font-size: 17px; margin: 22px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 3px; }
        td code { white-space: nowrap; }
        code, .mono { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 12px; }
        table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; }
        th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #f3f5f7; font-weight: 600; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        .counts td, .counts th { text-align: center; }
        .meta { color: #57606a; }
        .good { color: var(--ok); font-weight: 600; } .notgood { color: #57606a; }
        .sev-crit { color: #fff; background: var(--bad); padding: 0 4px; border-radius: 3px; }
        .sev-err { color: var(--bad); font-weight: 600; } .sev-warning { color: var(--late); }
        .reasons { margin: 0; padding-left: 18px; }
        .filter { margin: 6px 0; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
        .filter input[type=search] { width: 320px; padding: 4px; }
        .pager { margin: 2px 0 10px; display: flex; gap: 10px; align-items: center; } .pager span { color: #57606a; }
        th.sortable { cursor: pointer; } th.sortable:after { content: " ↕"; color: #8c959f; }
        svg text { font-size: 11px; fill: #1f2328; }
        svg .period { fill: #90caf9; stroke: #1565c0; } svg .project { fill: #a5d6a7; } svg .lock { fill: none; stroke: #6a1b9a; stroke-width: 2; stroke-dasharray: 5 3; }
        svg .report-on-time { fill: var(--ok); } svg .report-late { fill: var(--late); } svg .report-missing { fill: var(--bad); } svg .report-due { fill: #fff; stroke: var(--due); stroke-width: 2; }
        svg .incident { fill: var(--bad); } svg .revocation, svg .dissolution { stroke: #000; stroke-width: 3; }
        svg .today { stroke: #d81b60; stroke-width: 1.5; stroke-dasharray: 4 2; } svg .tick { stroke: #e1e4e8; }
        svg .approved { fill: #1565c0; } svg .on-time { fill: var(--ok); } svg .late { fill: var(--late); } svg .missing { fill: var(--bad); }
        svg .incidents { fill: #6a1b9a; } svg .revocations { fill: #000; } svg .dissolutions { fill: #8d6e63; }
        .legend span { display: inline-block; margin-right: 12px; } .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 3px; }
        nav a { margin-right: 12px; }
        @media print {
          @page { size: A4 portrait; margin: 12mm 10mm; }
          body { max-width: none; padding: 0; font-size: 9pt; }
          .filter, .pager, nav, script { display: none !important; }
          a { color: inherit; text-decoration: none; }
          h2 { break-after: avoid; } tr, .timeline { break-inside: avoid; }
          thead { display: table-header-group; }
          th, td { padding: 1px 3px; }
          svg { max-width: 100%; height: auto; }
          th.sortable:after { content: ""; }
        }
        </style>
        """#

    /// The overview's tables, drawn from their data (`OverviewData`, JSON in
    /// `<script type="application/json">`) a page of 100 rows at a time, with DOM methods only:
    /// every text is set as `textContent`, never parsed as HTML. The table of every consortium is
    /// filtered (text, status, good standing) and sorted (click a heading) over all its rows,
    /// offline. `index.html#filter=TEXT` opens it filtered.
    static let script = #"""
        <script>
        (function () {
          "use strict";
          var PAGE = 100;
          function data(id) { var e = document.getElementById(id); return e ? JSON.parse(e.textContent) : []; }
          function td(tr, text, cls) {
            var c = document.createElement("td"); if (cls) c.className = cls;
            c.textContent = text === null || text === undefined ? "" : String(text); tr.appendChild(c); return c;
          }
          function code(tr, text) { var c = td(tr, ""), k = document.createElement("code"); k.textContent = text; c.appendChild(k); return c; }
          function link(tr, href, key) {
            var c = td(tr, ""), a = document.createElement("a"), k = document.createElement("code");
            // A page of this report (ReportRenderer.pagePath), nothing else.
            a.setAttribute("href", /^c\/[A-Za-z0-9._-]+\.html$/.test(href) ? href : "#");
            k.textContent = key; a.appendChild(k); c.appendChild(a); return c;
          }
          // A table (or list) drawn a page at a time: rows() gives the rows to show, draw(row) makes
          // the element of one, appended to body; the pager goes after the table.
          function paged(table, body, rows, draw) {
            var page = 0, bar = document.createElement("div");
            bar.className = "pager";
            var back = document.createElement("button"), next = document.createElement("button"), where = document.createElement("span");
            back.type = next.type = "button"; back.textContent = "上一页"; next.textContent = "下一页";
            bar.appendChild(back); bar.appendChild(where); bar.appendChild(next);
            table.parentNode.insertBefore(bar, table.nextSibling);
            function show() {
              var list = rows(), pages = Math.max(1, Math.ceil(list.length / PAGE));
              page = Math.min(page, pages - 1);
              while (body.firstChild) body.removeChild(body.firstChild);
              var end = Math.min(list.length, (page + 1) * PAGE);
              for (var i = page * PAGE; i < end; i++) body.appendChild(draw(list[i]));
              where.textContent = "第 " + (page + 1) + " / " + pages + " 页（每页 " + PAGE + " 行）";
              back.disabled = page === 0; next.disabled = page >= pages - 1;
              bar.style.display = pages > 1 ? "" : "none";
            }
            back.addEventListener("click", function () { page--; show(); });
            next.addEventListener("click", function () { page++; show(); });
            return { show: show, first: function () { page = 0; show(); } };
          }

          // The table of every consortium. A row: key, page, name, leads, status, approval number,
          // valid through, next due, next deadline, crit, err, warning, notice, info, good (1/0).
          var table = document.getElementById("consortia-table"), all = data("consortia-data");
          function page(r) { return r[1] || "c/" + r[0] + ".html"; }

          // The consortia in good standing: those rows marked good, in key order.
          var goodList = document.getElementById("good-standing");
          var goods = all.filter(function (r) { return r[14] === 1; });
          paged(goodList, goodList, function () { return goods; }, function (r) {
            var li = document.createElement("li"), a = document.createElement("a"), k = document.createElement("code");
            a.setAttribute("href", /^c\/[A-Za-z0-9._-]+\.html$/.test(page(r)) ? page(r) : "#");
            k.textContent = r[0]; a.appendChild(k); li.appendChild(a);
            li.appendChild(document.createTextNode(" " + r[2] + "（批复 " + r[5] + "，有效期至 " + r[6] + "）"));
            return li;
          }).show();
          var deadlines = document.getElementById("deadlines");
          if (deadlines) {
            var due = data("deadline-data");
            paged(deadlines, deadlines.tBodies[0], function () { return due; }, function (d) {
              var tr = document.createElement("tr");
              td(tr, d[0]); td(tr, d[1], "n"); link(tr, d[3], d[2]); td(tr, d[4]); td(tr, d[5]); code(tr, d[6]);
              return tr;
            }).show();
          }
          var urgent = document.getElementById("urgent");
          if (urgent) {
            var notices = data("urgent-data");
            paged(urgent, urgent.tBodies[0], function () { return notices; }, function (n) {
              var tr = document.createElement("tr"), s = td(tr, ""), b = document.createElement("span");
              b.className = /^[a-z]+$/.test(n[0]) ? "sev-" + n[0] : ""; b.textContent = n[0]; s.appendChild(b);
              link(tr, n[2], n[1]); code(tr, n[3]); td(tr, n[4]); td(tr, n[5]); code(tr, n[6]); td(tr, n[7]);
              td(tr, n[8] + (n[9] ? "（已由 " + n[9] + " 确认）" : ""));
              return tr;
            }).show();
          }

          var q = document.getElementById("filter"), st = document.getElementById("status-filter"), good = document.getElementById("good-filter");
          var shown = document.getElementById("shown"), names = {};
          for (var o = 0; o < st.options.length; o++) names[st.options[o].value] = st.options[o].textContent;
          function statusName(r) { return names[r[4]] || r[4]; }
          function next(r) { return r[7] ? r[7] + " " + r[8] : ""; }
          function text(r) {
            if (r.text === undefined) r.text = [r[0], r[2], r[3], statusName(r), r[5], r[6], next(r)].join("\n").toLowerCase();
            return r.text;
          }
          var order = all, list = all;
          var consortia = paged(table, table.tBodies[0], function () { return list; }, function (r) {
            var tr = document.createElement("tr");
            tr.id = "row-" + r[0]; tr.setAttribute("data-status", r[4]); tr.setAttribute("data-good", r[14] ? "yes" : "no");
            link(tr, page(r), r[0]); td(tr, r[2]); td(tr, r[3]);
            td(tr, statusName(r)).setAttribute("data-sort", r[4]); td(tr, r[5]); td(tr, r[6]);
            td(tr, next(r)).setAttribute("data-sort", r[7]);
            for (var i = 9; i < 14; i++) td(tr, r[i], "n");
            td(tr, r[14] ? "✔ 运行良好" : "—");
            return tr;
          });
          function apply() {
            var t = q.value.trim().toLowerCase(), status = st.value, onlyGood = good.checked;
            list = order.filter(function (r) {
              return (!t || text(r).indexOf(t) >= 0) && (!status || r[4] === status) && (!onlyGood || r[14] === 1);
            });
            shown.textContent = "显示 " + list.length + " / " + all.length;
            consortia.first();
          }
          q.addEventListener("input", apply); st.addEventListener("change", apply); good.addEventListener("change", apply);
          // Sorting a heading: its field (numbers for the counts), over all rows; again: the other way.
          var keys = [0, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14], heads = table.tHead.rows[0].cells;
          for (var c = 0; c < heads.length; c++) (function (c) {
            heads[c].classList.add("sortable");
            heads[c].addEventListener("click", function () {
              var up = heads[c].getAttribute("data-dir") !== "up", k = keys[c];
              order = all.slice().sort(function (a, b) {
                var x = a[k], y = b[k], d = typeof x === "number" ? x - y : (x < y ? -1 : x > y ? 1 : 0);
                return up ? d : -d;
              });
              for (var h = 0; h < heads.length; h++) heads[h].removeAttribute("data-dir");
              heads[c].setAttribute("data-dir", up ? "up" : "down");
              apply();
            });
          })(c);
          var m = /^#filter=(.*)$/.exec(location.hash);
          if (m) q.value = decodeURIComponent(m[1]);
          apply();
        })();
        </script>
        """#

    static let index = #"""
        {{% CONTENT_TYPE: REPORT_HTML}}<!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>柳州市创新联合体监管概览 {{day}}</title>
        {{{style}}}
        </head>
        <body>
        <h1>柳州市创新联合体监管概览</h1>
        <p class="meta">评估日期 <span id="report-day">{{day}}</span> · 共 <span id="total">{{total}}</span> 个联合体 · 由 consortiumd 生成（《柳州市创新联合体组建与运行管理实施细则（试行）》）</p>
        <nav><a href="years.html">按年度统计</a><a href="consortia.csv">联合体表 consortia.csv</a><a href="notices.csv">通知表 notices.csv</a></nav>

        <h2>联合体状态</h2>
        <table class="counts" id="status-counts">
        <tr>{{#byStatus}}<th>{{name}}<br><code>{{status}}</code></th>{{/byStatus}}</tr>
        <tr>{{#byStatus}}<td class="n" data-status="{{status}}">{{count}}</td>{{/byStatus}}</tr>
        </table>

        <h2>未关闭的通知（按级别）</h2>
        <table class="counts" id="severity-counts">
        <tr>{{#severities}}<th>{{name}}<br><code>{{severity}}</code></th>{{/severities}}</tr>
        <tr>{{#severities}}<td class="n" data-severity="{{severity}}">{{count}}</td>{{/severities}}</tr>
        </table>

        <h2>运行良好的联合体（六(五)、六(六)）</h2>
        <p class="meta">已核准；没有未关闭的 err/crit 通知；已到期的年度总结均按时、完整报送；最近 {{months}} 个月内没有事件。可优先向金融机构推荐、优先认定为市级众创空间和孵化器。</p>
        {{#hasGood}}<p class="meta">共 {{goodCount}} 个。</p>{{/hasGood}}
        <ul id="good-standing"></ul>
        {{^hasGood}}<p id="no-good-standing">暂无</p>{{/hasGood}}

        <h2>今后 {{deadlineDays}} 天内的期限</h2>
        {{#hasDeadlines}}
        <p class="meta">共 {{deadlineCount}} 项。</p>
        <table id="deadlines">
        <thead><tr><th>期限</th><th class="n">剩余天数</th><th>联合体</th><th>名称</th><th>事项</th><th>规则</th></tr></thead>
        <tbody></tbody>
        </table>
        <script type="application/json" id="deadline-data">{{{deadlineData}}}</script>
        {{/hasDeadlines}}
        {{^hasDeadlines}}<p>今后 {{deadlineDays}} 天内没有期限。</p>{{/hasDeadlines}}

        <h2>未关闭的 crit / err 通知</h2>
        {{#hasUrgent}}
        <p class="meta">共 {{urgentCount}} 条。</p>
        <table id="urgent">
        <thead><tr><th>级别</th><th>联合体</th><th>规则</th><th>条款</th><th>对象</th><th>阶段</th><th>期限</th><th>说明和处理</th></tr></thead>
        <tbody></tbody>
        </table>
        <script type="application/json" id="urgent-data">{{{urgentData}}}</script>
        {{/hasUrgent}}
        {{#urgentMore}}<p class="meta">另有 {{urgentMore}} 条，见 notices.csv。</p>{{/urgentMore}}
        {{^hasUrgent}}<p>没有未关闭的 crit/err 通知。</p>{{/hasUrgent}}

        <h2>全部联合体</h2>
        <div class="filter">
        <input id="filter" type="search" placeholder="筛选：编号、名称、牵头单位、文号…" aria-label="筛选">
        <select id="status-filter" aria-label="状态"><option value="">全部状态</option>{{#statuses}}<option value="{{status}}">{{name}}</option>{{/statuses}}</select>
        <label><input type="checkbox" id="good-filter"> 只看运行良好</label>
        <span id="shown" class="meta"></span>
        </div>
        <table id="consortia-table">
        <thead><tr><th>编号</th><th>名称</th><th>牵头单位</th><th>状态</th><th>批复文号</th><th>有效期至</th><th>下一期限</th><th class="n">crit</th><th class="n">err</th><th class="n">warning</th><th class="n">notice</th><th class="n">info</th><th>运行良好</th></tr></thead>
        <tbody></tbody>
        </table>
        <script type="application/json" id="consortia-data">{{{consortiaData}}}</script>
        <noscript><p>此浏览器未运行页面内的脚本，表格无法显示：请打开 <a href="consortia.csv">consortia.csv</a>（每个联合体一行）和 <a href="notices.csv">notices.csv</a>（每条未关闭的通知一行）。</p></noscript>
        {{{script}}}
        </body>
        </html>
        """#

    static let consortium = #"""
        {{% CONTENT_TYPE: REPORT_HTML}}<!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{id}} {{name}}</title>
        {{{style}}}
        </head>
        <body>
        <nav><a href="../index.html">← 概览</a><a href="../years.html">按年度统计</a></nav>
        <h1 id="name">{{name}}</h1>
        <p class="meta">编号 <code id="consortium-id">{{id}}</code> · 状态 <span id="status">{{statusName}}</span> <code>{{status}}</code>{{#approvalNumber}} · 批复文号 {{approvalNumber}}{{/approvalNumber}}{{#validThrough}} · 有效期至 {{validThrough}}{{/validThrough}} · 评估日期 {{day}}</p>
        {{#good}}<p id="standing" class="good">运行良好（六(五)、六(六)）</p>{{/good}}
        {{^good}}<div id="standing" class="notgood"><p>不属于运行良好，原因：</p><ul class="reasons">{{#reasons}}<li>{{.}}</li>{{/reasons}}</ul></div>{{/good}}

        <h2>时间线</h2>
        <div class="timeline">
        <svg id="timeline" xmlns="http://www.w3.org/2000/svg" width="{{timeline.width}}" height="{{timeline.height}}" viewBox="0 0 {{timeline.width}} {{timeline.height}}" role="img" aria-label="{{id}} 时间线">
        {{#timeline.ticks}}<line class="tick" x1="{{x}}" y1="14" x2="{{x}}" y2="{{timeline.height}}"/><text x="{{x}}" y="11">{{year}}</text>
        {{/timeline.ticks}}
        {{#timeline.lanes}}<text x="4" y="{{y}}" dominant-baseline="middle">{{label}}</text>
        {{/timeline.lanes}}
        {{#timeline.bars}}<rect class="{{kind}}" x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}"><title>{{title}}</title></rect>
        {{/timeline.bars}}
        {{#marks}}{{#circle}}<circle class="{{kind}}" cx="{{x}}" cy="{{y}}" r="5"><title>{{title}}</title></circle>{{/circle}}{{#line}}<line class="{{kind}}" x1="{{x}}" y1="{{top}}" x2="{{x}}" y2="{{bottom}}"><title>{{title}}</title></line>{{/line}}
        {{/marks}}
        <line class="today" x1="{{timeline.todayX}}" y1="14" x2="{{timeline.todayX}}" y2="{{timeline.height}}"><title>评估日期 {{day}}</title></line>
        </svg>
        <p class="legend"><span><i style="background:#90caf9"></i>批复有效期</span><span><i style="background:#2e7d32"></i>年度总结按时</span><span><i style="background:#ef6c00"></i>逾期报送</span><span><i style="background:#c62828"></i>未报送 / 事件</span><span><i style="border:2px solid #78909c"></i>尚未到期</span><span><i style="background:#a5d6a7"></i>项目</span><span><i style="border:2px dashed #6a1b9a"></i>七(一) 锁定期</span><span><i style="background:#000"></i>取消资格 / 解散</span><span><i style="background:#d81b60"></i>评估日期</span></p>
        </div>

        <h2>年度总结（七(二)）</h2>
        <table id="reports"><thead><tr><th>年度</th><th>截止</th><th>情况</th><th>报送日期</th></tr></thead><tbody>
        {{#reports}}<tr class="report-{{standing}}"><td>{{year}}</td><td>{{due}}</td><td>{{standingName}}</td><td>{{received}}</td></tr>
        {{/reports}}
        </tbody></table>

        <h2>成员单位（{{memberCount}}）</h2>
        <table id="members"><thead><tr><th>名称</th><th>统一社会信用代码</th><th>类型</th><th>层级</th><th>柳州注册</th></tr></thead><tbody>
        {{#members}}<tr><td>{{name}}</td><td><code>{{id}}</code></td><td>{{type}}</td><td>{{layer}}</td><td>{{local}}</td></tr>
        {{/members}}
        </tbody></table>

        <h2>文件记录</h2>
        <table id="documents"><thead><tr><th>日期</th><th>类型</th><th>原文件名</th><th>SHA-256</th><th>接收时间</th><th>说明</th></tr></thead><tbody>
        {{#documents}}<tr><td>{{date}}</td><td>{{kindName}} <code>{{kind}}</code></td><td>{{name}}</td><td><code title="{{sha256}}">{{shaPrefix}}…</code></td><td>{{accepted}}</td><td>{{notApplied}}</td></tr>
        {{/documents}}
        </tbody></table>

        <h2>未关闭的通知</h2>
        {{#hasOpen}}
        <table id="open-notices"><thead><tr><th>级别</th><th>规则</th><th>条款</th><th>对象</th><th>阶段</th><th>期限</th><th>说明</th><th>确认</th></tr></thead><tbody>
        {{#open}}<tr><td><span class="sev-{{severity}}">{{severity}}</span></td><td><code>{{rule}}</code></td><td>{{clause}}</td><td>{{subject}}</td><td><code>{{stage}}</code></td><td>{{due}}</td><td>{{message}}</td><td>{{#acknowledged}}{{by}}{{#note}}：{{note}}{{/note}}{{#until}}（至 {{until}}）{{/until}}{{/acknowledged}}</td></tr>
        {{/open}}
        </tbody></table>
        {{/hasOpen}}
        {{^open}}<p>没有未关闭的通知。</p>{{/open}}

        {{#hasLedger}}
        <h2>已解除的通知</h2>
        {{#hasResolved}}
        <table id="resolved-notices"><thead><tr><th>解除日期</th><th>级别</th><th>规则</th><th>对象</th><th>阶段</th><th>说明</th><th>确认</th></tr></thead><tbody>
        {{#resolved}}<tr><td>{{resolvedOn}}</td><td>{{severity}}</td><td><code>{{rule}}</code></td><td>{{subject}}</td><td><code>{{stage}}</code></td><td>{{message}}</td><td>{{#acknowledged}}{{by}}{{#note}}：{{note}}{{/note}}{{/acknowledged}}</td></tr>
        {{/resolved}}
        </tbody></table>
        {{/hasResolved}}
        {{^resolved}}<p>没有已解除的通知。</p>{{/resolved}}
        {{/hasLedger}}
        </body>
        </html>
        """#

    static let years = #"""
        {{% CONTENT_TYPE: REPORT_HTML}}<!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>按年度统计 {{day}}</title>
        {{{style}}}
        </head>
        <body>
        <nav><a href="index.html">← 概览</a></nav>
        <h1>按年度统计</h1>
        <p class="meta">评估日期 {{day}} · 年度总结按所报年度计（七(二)：每年12月31日前报送）</p>
        <svg id="year-chart" xmlns="http://www.w3.org/2000/svg" width="{{chart.width}}" height="{{chart.height}}" viewBox="0 0 {{chart.width}} {{chart.height}}" role="img" aria-label="按年度统计">
        <line class="tick" x1="36" y1="{{chart.baseline}}" x2="{{chart.width}}" y2="{{chart.baseline}}"/>
        <text x="2" y="16">{{chart.maximum}}</text><text x="2" y="{{chart.baseline}}">0</text>
        {{#chart.bars}}<rect class="{{series}}" x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}"><title>{{title}}</title></rect>
        {{/chart.bars}}
        {{#chart.labels}}<text x="{{x}}" y="{{chart.height}}" text-anchor="middle" dy="-6">{{text}}</text>
        {{/chart.labels}}
        </svg>
        <p class="legend">{{#series}}<span><i class="{{key}}" style="background:{{color}}"></i>{{name}}</span>{{/series}}</p>
        <table id="years"><thead><tr><th>年度</th><th class="n">核准</th><th class="n">按时报送</th><th class="n">逾期报送</th><th class="n">未报送</th><th class="n">事件</th><th class="n">取消资格</th><th class="n">解散</th></tr></thead><tbody>
        {{#years}}<tr><td>{{year}}</td><td class="n">{{approved}}</td><td class="n">{{onTime}}</td><td class="n">{{late}}</td><td class="n">{{missing}}</td><td class="n">{{incidents}}</td><td class="n">{{revocations}}</td><td class="n">{{dissolutions}}</td></tr>
        {{/years}}
        </tbody></table>
        </body>
        </html>
        """#
}
