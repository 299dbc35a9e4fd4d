using System;
using System.Collections.Generic;
using System.IO;

namespace QualysCompare.ScenarioGen
{
    /// <summary>
    /// QualysCompare.ScenarioGen &lt;scenario&gt; &lt;outputFolder&gt;: writes a scenario's Qualys files.
    /// Exit codes: 0 written, 1 the files could not be written, 2 bad command line.
    /// </summary>
    public static class Program
    {
        private const string Usage =
            "Usage: QualysCompare.ScenarioGen <scenario> <outputFolder> [arguments]\n" +
            "\n" +
            "Scenarios:\n" +
            "  demo   the write-up's Windows 10 machine and five neighbours: a credentialed appliance scan\n" +
            "         (appliance-scan.csv), the Cloud Agents' detections (agent-detections.xml) and the\n" +
            "         KnowledgeBase entries of every QID used (knowledgebase.xml).\n" +
            "  demo-next-night\n" +
            "         the same files one night later: updates installed, a laptop at a new address, a scan\n" +
            "         that failed to log in, a new server without an agent (Compare-QualysVantage -Baseline).\n" +
            "  bench <outputFolder> <size> [--only parts] [--reuse]\n" +
            "         the enterprise network of the benchmarks at <size> detections per side (100k, 1M, 4M\n" +
            "         or a number): scanner/scan-results.csv, agent/hld/hld-page-NNNN.xml (1,000 hosts a\n" +
            "         page), agent/host-findings.csv, baseline/scanner.csv and baseline/agent.csv (the\n" +
            "         tables without Qualys's metadata blocks) and manifest.json (counts, expected answer).\n" +
            "         --only takes a comma list of scan-csv, hld-xml, host-csv, baseline. --reuse leaves a\n" +
            "         folder alone whose manifest already covers this size and these parts.\n";

        public static int Main(string[] args)
        {
            if (args.Length == 1 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help"))
            {
                Console.Out.Write(Usage);
                return 0;
            }
            if (args.Length == 0)
            {
                Console.Error.Write(Usage);
                return 2;
            }

            switch (args[0].ToLowerInvariant())
            {
                case "demo":
                    if (args.Length != 2) return BadArguments("demo takes one argument, the output folder.");
                    return Run(() => DemoScenario.Write(args[1]));
                case "demo-next-night":
                    if (args.Length != 2) return BadArguments("demo-next-night takes one argument, the output folder.");
                    return Run(() => DemoNextNight.Write(args[1]));
                case "bench":
                    return Bench(args);
                default:
                    return BadArguments($"unknown scenario '{args[0]}'.");
            }
        }

        private static int Bench(string[] args)
        {
            if (args.Length < 3) return BadArguments("bench takes the output folder and a size in detections per side.");
            long size;
            try
            {
                size = BenchScenario.ParseSize(args[2]);
            }
            catch (FormatException e)
            {
                return BadArguments(e.Message);
            }
            var parts = BenchParts.All;
            bool reuse = false;
            for (int i = 3; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--reuse":
                        reuse = true;
                        break;
                    case "--only" when i + 1 < args.Length:
                        parts = BenchParts.None;
                        foreach (var name in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            switch (name.ToLowerInvariant())
                            {
                                case "scan-csv": parts |= BenchParts.ScanResultsCsv; break;
                                case "hld-xml": parts |= BenchParts.HostDetectionXml; break;
                                case "host-csv": parts |= BenchParts.HostFindingsCsv; break;
                                case "baseline": parts |= BenchParts.Baseline; break;
                                default: return BadArguments($"unknown part '{name}' (scan-csv, hld-xml, host-csv, baseline).");
                            }
                        }
                        if (parts == BenchParts.None) return BadArguments("--only names no part.");
                        break;
                    default:
                        return BadArguments($"unknown bench argument '{args[i]}'.");
                }
            }
            return Run(() => BenchScenario.Write(args[1], size, parts, reuse));
        }

        private static int Run(Func<IReadOnlyList<string>> write)
        {
            try
            {
                foreach (var path in write()) Console.Out.WriteLine(path);
                return 0;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"QualysCompare.ScenarioGen: could not write the files: {e.Message}");
                return 1;
            }
        }

        private static int BadArguments(string problem)
        {
            Console.Error.WriteLine($"QualysCompare.ScenarioGen: {problem}");
            Console.Error.Write(Usage);
            return 2;
        }
    }
}
