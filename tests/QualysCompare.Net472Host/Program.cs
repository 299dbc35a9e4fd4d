using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Import;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Writers;

namespace QualysCompare.Net472Host
{
    /// <summary>
    /// Imports the staged module as Windows PowerShell 5.1 does and checks how its dependencies bind.
    /// Usage: QualysCompare.Net472Host.exe &lt;module folder&gt; &lt;samples folder&gt; &lt;work folder&gt;.
    /// Writes one line per check, "ok &lt;area&gt;: &lt;what&gt;" or "not ok &lt;area&gt;: &lt;what&gt;", and exits
    /// with the number of failed checks (2 for bad arguments before any check).
    /// </summary>
    public static class Program
    {
        private static int _failed;

        public static int Main(string[] args)
        {
            if (args.Length != 3)
            {
                Console.Error.WriteLine("usage: QualysCompare.Net472Host.exe <module folder> <samples folder> <work folder>");
                return 2;
            }
            string module = Path.GetFullPath(args[0]);
            string samples = Path.GetFullPath(args[1]);
            string work = Path.GetFullPath(args[2]);
            Console.WriteLine("runtime " + RuntimeInformation.FrameworkDescription);

            // What the module ships: every .dll in its folder, by simple name.
            var shipped = Directory.GetFiles(module, "*.dll").ToDictionary(f => AssemblyName.GetAssemblyName(f).Name!, f => f, StringComparer.OrdinalIgnoreCase);
            string hostFolder = AppDomain.CurrentDomain.BaseDirectory;
            foreach (string name in shipped.Keys.OrderBy(n => n, StringComparer.Ordinal))
            {
                Check("setup", !File.Exists(Path.Combine(hostFolder, name + ".dll")), $"the host's own folder has no {name}.dll, as powershell.exe's has none");
            }

            // A resolve the module's handler leaves unanswered reaches this one, subscribed after it.
            var unanswered = new List<string>();
            var answeredByHook = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            // The control: without the module's handler the host cannot bind the module's dependencies.
            // (An identity not asked for again below, since .NET Framework may remember a failed bind.)
            string control = "System.Memory, Version=4.0.1.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51";
            Check("setup", Throws<FileNotFoundException>(() => Assembly.Load(control)), $"before Import-Module, {control} cannot be found");

            // Import-Module of a binary module: load the root module from its path, then run every
            // IModuleAssemblyInitializer it exports.
            Assembly cmdlets = Assembly.LoadFrom(Path.Combine(module, "QualysCompare.Cmdlets.dll"));
            var initializers = cmdlets.GetExportedTypes().Where(t => typeof(IModuleAssemblyInitializer).IsAssignableFrom(t) && !t.IsAbstract).ToList();
            Check("import", initializers.Count == 1, $"the module exports one IModuleAssemblyInitializer ({string.Join(", ", initializers.Select(t => t.FullName))})");
            foreach (var type in initializers) ((IModuleAssemblyInitializer)Activator.CreateInstance(type)).OnImport();
            AppDomain.CurrentDomain.AssemblyResolve += (sender, e) =>
            {
                if (!new AssemblyName(e.Name).Name!.EndsWith(".resources", StringComparison.OrdinalIgnoreCase)) unanswered.Add(e.Name);
                return null;
            };
            AppDomain.CurrentDomain.AssemblyLoad += (sender, e) =>
            {
                if (!e.LoadedAssembly.ReflectionOnly) answeredByHook.Add(e.LoadedAssembly.GetName().Name!);
            };

            // Every reference from one shipped assembly to another, bound by the runtime from the
            // host's load context, where none of them can be found without the module's handler.
            foreach (var from in shipped.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                foreach (var reference in ReferencesOf(from.Value).Where(r => shipped.ContainsKey(r.Name!)))
                {
                    string what = $"{from.Key} asks for {reference.FullName}";
                    try
                    {
                        Assembly bound = Assembly.Load(reference);
                        AssemblyName got = bound.GetName();
                        bool fromModule = SamePath(bound.Location, shipped[reference.Name!]);
                        bool versionOk = reference.Version == null || got.Version >= reference.Version;
                        if (!fromModule && IsMonoFrameworkCopy(bound))
                        {
                            Check("binding", true, $"{what}: Mono binds its own framework copy {got.Version} from {bound.Location} without asking any handler");
                            continue;
                        }
                        Check("binding", fromModule && versionOk, $"{what}: gets {got.Version} from {bound.Location}");
                    }
                    catch (Exception e)
                    {
                        Check("binding", false, $"{what}: {e.GetType().Name}: {e.Message}");
                    }
                }
            }

            // The handler declines what the module cannot stand in for, so the runtime's own error stands.
            string newer = "System.Buffers, Version=99.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51";
            Check("binding", Throws<FileNotFoundException>(() => Assembly.Load(newer)), $"{newer}, newer than the module's copy: not answered, FileNotFoundException");
            string stranger = "System.Buffers, Version=4.0.2.0, Culture=neutral, PublicKeyToken=0123456789abcdef";
            Check("binding", Throws<FileNotFoundException>(() => Assembly.Load(stranger)), $"{stranger}, another publisher's key: not answered, FileNotFoundException");
            unanswered.Clear();

            // The engine end to end on the demo's sample pair, so that CsvHelper, System.Text.Json
            // and the System.Memory family load the way a real run loads them.
            try
            {
                foreach (string line in EngineRun.Run(samples, work)) Check("engine", true, line);
            }
            catch (Exception e)
            {
                Check("engine", false, $"the engine failed: {e}");
            }

            // One copy of each shipped assembly is loaded, the module's own, at the module's version.
            var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && !a.ReflectionOnly).ToList();
            foreach (var ship in shipped.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var copies = loaded.Where(a => string.Equals(a.GetName().Name, ship.Key, StringComparison.OrdinalIgnoreCase)).ToList();
                Version? version = AssemblyName.GetAssemblyName(ship.Value).Version;
                string where = string.Join("; ", copies.Select(a => $"{a.GetName().Version} from {a.Location}"));
                if (copies.Count == 1 && IsMonoFrameworkCopy(copies[0]))
                {
                    Check("loaded", true, $"{ship.Key} {version}: Mono's own framework copy instead, {where}");
                    continue;
                }
                Check("loaded", copies.Count == 1 && SamePath(copies[0].Location, ship.Value) && copies[0].GetName().Version == version,
                    $"{ship.Key} {version}: {(copies.Count == 0 ? "not loaded" : where)}");
            }
            Check("loaded", unanswered.Count == 0, "no load was left unanswered: " + (unanswered.Count == 0 ? "none" : string.Join("; ", unanswered.Distinct())));

            Console.WriteLine(_failed == 0 ? "all checks passed" : $"{_failed} checks failed");
            return _failed;
        }

        private static void Check(string area, bool ok, string what)
        {
            if (!ok) _failed++;
            Console.WriteLine($"{(ok ? "ok" : "not ok")} {area}: {what}");
        }

        private static bool Throws<T>(Action action) where T : Exception
        {
            try
            {
                action();
                return false;
            }
            catch (T)
            {
                return true;
            }
        }

        /// <summary>
        /// Mono maps the version of some assemblies it counts as its own (System.Numerics.Vectors among
        /// them) to the copy in its global assembly cache before any AssemblyResolve handler is asked, so
        /// for those the module's handler is never consulted. Accepted on Mono only, for the names listed,
        /// and reported as such; on .NET Framework the same binding must come from the module.
        /// </summary>
        private static bool IsMonoFrameworkCopy(Assembly assembly) =>
            RuntimeInformation.FrameworkDescription.StartsWith("Mono ", StringComparison.Ordinal)
            && MonoRemapped.Contains(assembly.GetName().Name!)
            && assembly.GlobalAssemblyCache;

        private static readonly HashSet<string> MonoRemapped = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "System.Numerics.Vectors" };

        private static bool SamePath(string a, string b) =>
            string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

        /// <summary>An assembly's references, read without loading it for execution.</summary>
        private static AssemblyName[] ReferencesOf(string path) => Assembly.ReflectionOnlyLoadFrom(path).GetReferencedAssemblies();
    }

    /// <summary>Kept out of Main, so that the engine loads only when this runs, after the module's handler is in place.</summary>
    internal static class EngineRun
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static IEnumerable<string> Run(string samples, string work)
        {
            var lines = new List<string>();
            var comparer = new VantageComparer();
            foreach (string name in new[] { "appliance-scan.csv", "agent-detections.xml" })
            {
                long count = 0;
                using (var import = ReportImport.Open(Path.Combine(samples, name)))
                {
                    foreach (var finding in import.ReadFindings())
                    {
                        comparer.Add(finding);
                        count++;
                    }
                    lines.Add($"read {count} findings from {name} ({import.Format}, {import.EncodingName})");
                }
                if (count == 0) throw new InvalidOperationException($"{name} gave no findings");
            }
            var knowledgeBase = KnowledgeBaseLoader.LoadFiles(Path.Combine(samples, "knowledgebase.xml"));
            lines.Add($"read the KnowledgeBase ({knowledgeBase.GetType().Name})");

            var rows = comparer.Compare().ToList();
            var summaries = VantageSummarizer.Summarize(rows);
            if (rows.Count == 0) throw new InvalidOperationException("the comparison gave no rows");
            lines.Add($"compared: {rows.Count} rows, {summaries.Count} summary rows, {rows.Count(r => r.Presence != Presence.Both)} gaps");

            Directory.CreateDirectory(work);
            foreach (var format in new[] { "csv", "json", "html" })
            {
                string path = Path.Combine(work, "gaps." + format);
                var result = CoverageGapExport.Write(path, rows, summaries, new CoverageGapExportOptions { Force = true });
                if (!File.Exists(path) || new FileInfo(path).Length == 0) throw new InvalidOperationException($"{path} was not written");
                lines.Add($"wrote {result.RowsWritten} rows as {result.Format} to {Path.GetFileName(path)}");
            }
            return lines;
        }
    }
}
