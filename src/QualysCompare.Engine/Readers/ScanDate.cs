namespace QualysCompare.Engine.Readers
{
    /// <summary>The one warning of the scanner-only formats (Scan Results CSV and JSON, SCAN XML),
    /// whose scan date is the only date their hosts have.</summary>
    internal static class ScanDate
    {
        /// <summary>Says why the scan date is unknown and what the comparison cannot do without it.</summary>
        public static string Unknown(string why) =>
            $"the date of the scan cannot be read ({why}), so its hosts have no scan date: an agent's Fixed for one of their QIDs cannot be dated against the scan (those rows read AgentReportsFixed), and agent data is judged stale against today instead of against the scan.";
    }
}
