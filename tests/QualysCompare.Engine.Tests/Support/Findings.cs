using System;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Tests
{
    /// <summary>Builds findings the way the readers deliver them, for matching and comparison tests.</summary>
    internal static class Findings
    {
        public static readonly DateTime ScanDate = new DateTime(2024, 5, 6, 9, 0, 0, DateTimeKind.Utc);
        public static readonly DateTime AgentDate = new DateTime(2024, 5, 6, 22, 0, 0, DateTimeKind.Utc);

        public static QualysFinding Scanner(string? ip, string? dns, string? netBios, int qid,
            FindingType type = FindingType.Confirmed, int? severity = 3, int? port = null, string? protocol = null,
            string? title = null, string? os = null, string? hostId = null, string? agentId = null, DateTime? assessed = null)
        {
            return new QualysFinding
            {
                Vantage = Vantage.Scanner,
                IP = ip,
                DnsName = dns,
                NetBiosName = netBios,
                HostId = hostId,
                AgentId = agentId,
                OperatingSystem = os,
                HostName = dns ?? netBios ?? ip,
                QID = qid,
                Title = title ?? "QID " + qid,
                Type = type,
                Severity = severity,
                Port = port,
                Protocol = protocol,
                HostLastAssessed = assessed ?? ScanDate,
                SourceFormat = ReportFormat.ScanResultsCsv,
            };
        }

        public static QualysFinding Agent(string? hostId, string? ip, string? dns, string? netBios, int qid,
            DetectionStatus? status = DetectionStatus.Active, FindingType type = FindingType.Confirmed, int? severity = 3,
            string? agentId = null, DateTime? lastDetected = null, DateTime? assessed = null, int? port = null, string? protocol = null)
        {
            return new QualysFinding
            {
                Vantage = Vantage.Agent,
                TrackingMethod = "AGENT",
                HostId = hostId,
                AgentId = agentId,
                IP = ip,
                DnsName = dns,
                NetBiosName = netBios,
                HostName = dns ?? netBios ?? ip,
                QID = qid,
                Type = type,
                Severity = severity,
                Status = status,
                Port = port,
                Protocol = protocol,
                LastDetected = lastDetected ?? AgentDate,
                HostLastAssessed = assessed ?? AgentDate,
                SourceFormat = ReportFormat.HostDetectionXml,
            };
        }
    }
}
