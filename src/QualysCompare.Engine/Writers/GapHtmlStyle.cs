namespace QualysCompare.Engine.Writers
{
    /// <summary>
    /// The page's one stylesheet, inline. On screen a centred column; printed, landscape pages with small type,
    /// headers repeated on every page, rows kept whole, and fixed column widths so that no column shrinks to a
    /// word per line while long titles, evidence and CVE lists wrap inside their own column.
    /// </summary>
    internal static class GapHtmlStyle
    {
        public const string ScreenWidth = "1200px";

        public static readonly string Css = string.Join("\n", new[]
        {
            "body{margin:0;padding:0;background:#ffffff;color:#111111;font-family:'Segoe UI',Helvetica,Arial,'Liberation Sans',sans-serif;font-size:14px;line-height:1.4}",
            "td.content{padding:16px;text-align:left}",
            "h1{font-size:22px;margin:0 0 6px 0}",
            "h2{font-size:17px;margin:28px 0 8px 0;padding-bottom:2px;border-bottom:1px solid #888888}",
            "h3{font-size:15px;margin:20px 0 6px 0}",
            "h4{font-size:14px;margin:14px 0 4px 0}",
            "p{margin:6px 0}",
            ".meta,.note{color:#444444;font-size:12px}",
            ".lead{font-size:15px}",
            ".todo{margin:2px 0 6px 0}",
            "table.data{border-collapse:collapse;width:100%;margin:6px 0 10px 0}",
            "table.fixed{table-layout:fixed}",
            "table.data th,table.data td{border:1px solid #999999;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word;word-wrap:break-word}",
            "table.data th{background:#e6e6e6;font-weight:bold}",
            "table.data tfoot td{font-weight:bold;background:#f3f3f3}",
            "table.data .num{text-align:right;white-space:nowrap}",
            "table.data th.num{white-space:normal}",
            "table.data .nowrap{white-space:nowrap}",
            "table.data td.cves{font-size:0.86em;overflow-wrap:anywhere;word-break:normal}",
            "table.data span.id{white-space:nowrap}",
            "table.data td.host{overflow-wrap:anywhere}",
            "table.data tr.owner td{background:#f3f3f3;font-weight:bold}",
            "table.narrow{width:auto;min-width:50%}",
            ".quality{border:2px solid #b35900;background:#fff6ec;padding:4px 10px;margin:8px 0}",
            ".quality h2{margin-top:6px;border-bottom-color:#b35900}",
            "details{margin:4px 0}",
            "summary{cursor:pointer;font-weight:bold}",
            "svg.chart{max-width:100%;height:auto}",
            ".banner{border:2px solid #b00020;background:#fdecee;padding:6px 10px;margin:8px 0}",
            // Landscape leaves room for the columns; the paper size stays the printer's (Letter or A4).
            "@page{size:landscape;margin:0.4in}",
            "@media print{",
            "body{font-size:8pt;line-height:1.25}",
            // A hair inside the page: a collapsed border half outside the content box would be cut off.
            "td.content{padding:0 1pt}",
            "table.page{max-width:none !important}",
            "h1{font-size:14pt;margin:0 0 2pt 0}",
            "h2{font-size:11pt;margin:10pt 0 3pt 0;break-after:avoid;page-break-after:avoid}",
            "h3{font-size:10pt;margin:8pt 0 2pt 0;break-after:avoid;page-break-after:avoid}",
            "h4{font-size:9pt;margin:6pt 0 1pt 0;break-after:avoid;page-break-after:avoid}",
            ".meta,.note{font-size:7.5pt}",
            ".lead{font-size:9pt}",
            "p{margin:2pt 0}",
            ".todo{break-after:avoid;page-break-after:avoid}",
            "table.data{margin:2pt 0 6pt 0}",
            "table.data{font-size:7.5pt}",
            "table.data th,table.data td{padding:1pt 3pt}",
            "thead{display:table-header-group}",
            // Totals once, at the end of their table, rather than at the foot of every page it spans.
            "tfoot{display:table-row-group}",
            "tr,svg{break-inside:avoid;page-break-inside:avoid}",
            "table.data th{background:none}",
            ".quality{padding:0 6pt;margin:4pt 0}",
            // The work starts on a page of its own, so page one is the summary of what to do.
            ".work{break-before:page;page-break-before:always}",
            "svg.chart{width:5.5in}",
            "summary{font-weight:normal}",
            "}",
        });
    }
}
