using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// The element names of one Qualys XML format that can only be the report's own markup, for
    /// <see cref="XmlMarkupLimit"/> to recognise inside a CDATA section that swallowed them.
    /// Left out: every name HTML also uses (TITLE, HEADER, LINK, CODE, TEMPLATE, ...), since THREAT,
    /// SOLUTION and RESULTS quote web pages and Qualys's own HTML, and generic words that a quoted
    /// configuration file may use in upper case (ID, IP, NAME, VALUE, TYPE, STATUS, ...). What is
    /// left is the records and containers of each format and its Qualys-specific fields.
    /// </summary>
    internal sealed class XmlElementNames
    {
        /// <summary>Longer names are not looked up: no name of any format is that long.</summary>
        public const int MaxLength = 40;

        /// <summary>HTML element names, in the upper case Qualys writes its HTML in. First, because the
        /// static name lists below are built with it.</summary>
        private static readonly HashSet<string> HtmlTags = new HashSet<string>(StringComparer.Ordinal)
        {
            "A", "ABBR", "ADDRESS", "AREA", "ARTICLE", "ASIDE", "AUDIO", "B", "BASE", "BDI", "BDO", "BIG", "BLOCKQUOTE", "BODY", "BR",
            "BUTTON", "CANVAS", "CAPTION", "CENTER", "CITE", "CODE", "COL", "COLGROUP", "DATA", "DATALIST", "DD", "DEL", "DETAILS",
            "DFN", "DIALOG", "DIR", "DIV", "DL", "DT", "EM", "EMBED", "FIELDSET", "FIGCAPTION", "FIGURE", "FONT", "FOOTER", "FORM",
            "FRAME", "FRAMESET", "H1", "H2", "H3", "H4", "H5", "H6", "HEAD", "HEADER", "HGROUP", "HR", "HTML", "I", "IFRAME", "IMG",
            "INPUT", "INS", "KBD", "LABEL", "LEGEND", "LI", "LINK", "MAIN", "MAP", "MARK", "MENU", "META", "METER", "NAV", "NOBR",
            "NOSCRIPT", "OBJECT", "OL", "OPTGROUP", "OPTION", "OUTPUT", "P", "PARAM", "PICTURE", "PRE", "PROGRESS", "Q", "RP", "RT",
            "RUBY", "S", "SAMP", "SCRIPT", "SEARCH", "SECTION", "SELECT", "SLOT", "SMALL", "SOURCE", "SPAN", "STRIKE", "STRONG",
            "STYLE", "SUB", "SUMMARY", "SUP", "TABLE", "TBODY", "TD", "TEMPLATE", "TEXTAREA", "TFOOT", "TH", "THEAD", "TIME", "TITLE",
            "TR", "TRACK", "TT", "U", "UL", "VAR", "VIDEO", "WBR", "XMP",
        };

        private readonly string[][] _byLength;

        private XmlElementNames(IEnumerable<string> names)
        {
            var buckets = new List<string>[MaxLength + 1];
            foreach (var name in names)
            {
                if (name.Length > MaxLength || HtmlTags.Contains(name)) continue;
                (buckets[name.Length] ??= new List<string>()).Add(name);
            }
            _byLength = Array.ConvertAll(buckets, bucket => bucket?.ToArray() ?? Array.Empty<string>());
        }

        /// <summary>The name the characters spell, or null when it is none of these.</summary>
        public string? Find(char[] chars, int length)
        {
            if (length < 1 || length > MaxLength) return null;
            foreach (var name in _byLength[length])
            {
                int i = 0;
                while (i < length && chars[i] == name[i]) i++;
                if (i == length) return name;
            }
            return null;
        }

        public static XmlElementNames? Of(ReportFormat format) => format switch
        {
            ReportFormat.HostDetectionXml => HostDetection,
            ReportFormat.ScanXml => Scan,
            ReportFormat.AssetDataReportXml => AssetDataReport,
            ReportFormat.KnowledgeBaseXml => KnowledgeBase,
            ReportFormat.ApiErrorXml => ApiError,
            _ => null,
        };

        // qualys-formats.md §6, with the API's REQUEST echo and WARNING.
        public static readonly XmlElementNames HostDetection = new XmlElementNames(new[]
        {
            "HOST_LIST_VM_DETECTION_OUTPUT", "RESPONSE", "REQUEST", "USER_LOGIN", "PARAM_LIST", "POST_DATA", "HOST_LIST", "HOST",
            "ASSET_ID", "IPV6", "TRACKING_METHOD", "NETWORK_ID", "OS_CPE", "DNS_DATA", "CLOUD_PROVIDER", "CLOUD_SERVICE",
            "CLOUD_RESOURCE_ID", "EC2_INSTANCE_ID", "NETBIOS", "QG_HOSTID", "LAST_SCAN_DATETIME", "LAST_VM_SCANNED_DATE",
            "LAST_VM_SCANNED_DURATION", "LAST_VM_AUTH_SCANNED_DATE", "LAST_VM_AUTH_SCANNED_DURATION", "LAST_PC_SCANNED_DATE",
            "ASSET_GROUP_LIST", "TAG_ID", "BACKGROUND_COLOR", "CLOUD_PROVIDER_TAGS", "DETECTION_LIST", "DETECTION", "UNIQUE_VULN_ID",
            "QID", "RESULTS", "FIRST_FOUND_DATETIME", "LAST_FOUND_DATETIME", "QDS", "QDS_FACTORS", "QDS_FACTOR", "TIMES_FOUND",
            "LAST_TEST_DATETIME", "LAST_UPDATE_DATETIME", "LAST_FIXED_DATETIME", "FIRST_REOPENED_DATETIME", "LAST_REOPENED_DATETIME",
            "TIMES_REOPENED", "IS_IGNORED", "IS_DISABLED", "AFFECT_RUNNING_KERNEL", "AFFECT_RUNNING_SERVICE", "AFFECT_EXPLOITABLE_CONFIG",
            "LAST_PROCESSED_DATETIME", "ASSET_CVE", "WARNING",
        });

        // qualys-formats.md §3 (scan-1.dtd).
        public static readonly XmlElementNames Scan = new XmlElementNames(new[]
        {
            "SCAN", "ASSET_GROUPS", "ASSET_GROUP", "ASSET_GROUP_TITLE", "OPTION_PROFILE", "OPTION_PROFILE_TITLE", "OS_CPE",
            "NETBIOS_HOSTNAME", "NETBIOS", "INFOS", "SERVICES", "VULNS", "PRACTICES", "CAT", "INFO", "VULN", "PRACTICE", "LAST_UPDATE",
            "CVSS_BASE", "CVSS_TEMPORAL", "CVSS3_BASE", "CVSS3_TEMPORAL", "CVSS3_VERSION", "PCI_FLAG", "VENDOR_REFERENCE_LIST",
            "VENDOR_REFERENCE", "CVE_ID_LIST", "CVE_ID", "BUGTRAQ_ID_LIST", "BUGTRAQ_ID", "DIAGNOSIS", "DIAGNOSIS_COMMENT",
            "CONSEQUENCE", "CONSEQUENCE_COMMENT", "SOLUTION", "SOLUTION_COMMENT", "CORRELATION", "EXPLOITABILITY", "EXPLT_SRC",
            "SRC_NAME", "EXPLT_LIST", "EXPLT", "RESULT", "RESULT_ERRORS", "RESULT_DEBUG",
        });

        // qualys-formats.md §4 (asset_data_report.dtd).
        public static readonly XmlElementNames AssetDataReport = new XmlElementNames(new[]
        {
            "ASSET_DATA_REPORT", "GENERATION_DATETIME", "USER_ASSET_GROUPS", "COMBINED_IP_LIST", "ASSET_TAG_LIST", "INCLUDED_TAGS",
            "RISK_SCORE_SUMMARY", "TOTAL_VULNERABILITIES", "AVG_SECURITY_RISK", "BUSINESS_RISK", "RISK_SCORE_PER_HOST", "IP_ADDRESS",
            "SECURITY_RISK", "HOST_LIST", "HOST", "TRACKING_METHOD", "ASSET_TAGS", "ASSET_TAG", "HOST_ID", "NETBIOS", "QG_HOSTID",
            "OPERATING_SYSTEM", "ASSET_GROUPS", "ASSET_GROUP_TITLE", "VULN_INFO_LIST", "VULN_INFO", "QID", "FIRST_FOUND", "LAST_FOUND",
            "TIMES_FOUND", "VULN_STATUS", "CVSS_FINAL", "CVSS3_FINAL", "LAST_FIXED", "RESULT", "GLOSSARY", "VULN_DETAILS_LIST",
            "VULN_DETAILS", "THREAT", "IMPACT", "SOLUTION", "PCI_FLAG", "LAST_UPDATE", "CVSS_SCORE", "CVSS_BASE", "CVSS_TEMPORAL",
            "CVSS3_SCORE", "CVSS3_BASE", "CVSS3_TEMPORAL", "CVE_ID_LIST", "CVE_ID", "BUGTRAQ_ID_LIST", "BUGTRAQ_ID",
            "VENDOR_REFERENCE_LIST", "VENDOR_REFERENCE", "CORRELATION", "EXPLOITABILITY", "EXPLT_SRC", "SRC_NAME", "EXPLT_LIST", "EXPLT",
            "APPENDICES", "NO_RESULTS", "IP_LIST", "TEMPLATE_DETAILS", "FILTER_SUMMARY", "REPORT_FILTERS",
        });

        // The KnowledgeBase DTD (f-qualyspy-knowledge_base_vuln_list_output.dtd).
        public static readonly XmlElementNames KnowledgeBase = new XmlElementNames(new[]
        {
            "KNOWLEDGE_BASE_VULN_LIST_OUTPUT", "RESPONSE", "REQUEST", "USER_LOGIN", "PARAM_LIST", "POST_DATA", "VULN_LIST", "VULN",
            "QID", "VULN_TYPE", "SEVERITY_LEVEL", "LAST_SERVICE_MODIFICATION_DATETIME", "PUBLISHED_DATETIME", "LAST_CUSTOMIZATION",
            "PATCHABLE", "SOFTWARE_LIST", "VENDOR_REFERENCE_LIST", "VENDOR_REFERENCE", "CVE_LIST", "BUGTRAQ_LIST", "DIAGNOSIS",
            "DIAGNOSIS_COMMENT", "CONSEQUENCE", "CONSEQUENCE_COMMENT", "SOLUTION", "SOLUTION_COMMENT", "COMPLIANCE_LIST",
            "CORRELATION", "EXPLOITABILITY", "EXPLT_SRC", "SRC_NAME", "EXPLT_LIST", "EXPLT", "MW_SRC", "MW_LIST", "MW_INFO",
            "PCI_FLAG", "AUTOMATIC_PCI_FAIL", "PCI_REASONS", "PCI_REASON", "THREAT_INTELLIGENCE", "THREAT_INTEL",
            "SUPPORTED_MODULES", "DISCOVERY", "AUTH_TYPE_LIST", "AUTH_TYPE", "ADDITIONAL_INFO", "IS_DISABLED",
            "CHANGE_LOG_LIST", "CHANGE_LOG_INFO", "CVSS_V3", "CVSS3_VERSION", "DETECTION_INFO", "WARNING",
        });

        // SIMPLE_RETURN, the API's error body.
        public static readonly XmlElementNames ApiError = new XmlElementNames(new[] { "SIMPLE_RETURN", "RESPONSE", "ITEM_LIST" });
    }
}
