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
            "Usage: QualysCompare.ScenarioGen <scenario> <outputFolder>\n" +
            "\n" +
            "Scenarios:\n" +
            "  demo   the write-up's Windows 10 machine and five neighbours: a credentialed appliance scan\n" +
            "         (appliance-scan.csv), the Cloud Agents' detections (agent-detections.xml) and the\n" +
            "         KnowledgeBase entries of every QID used (knowledgebase.xml).\n";

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
                default:
                    return BadArguments($"unknown scenario '{args[0]}'.");
            }
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
