using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;

namespace QualysCompare.Engine.Tests
{
    /// <summary>Paths of the committed fixtures, and one call that imports a file in full.</summary>
    internal static class Fixtures
    {
        public static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures");

        /// <summary>The checkout the tests were built from: the first folder up from the test
        /// binaries that holds Directory.Build.props.</summary>
        public static string RepositoryRoot
        {
            get
            {
                for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
                    if (File.Exists(Path.Combine(folder.FullName, "Directory.Build.props"))) return folder.FullName;
                throw new DirectoryNotFoundException("No Directory.Build.props above " + AppContext.BaseDirectory);
            }
        }

        public static string Sample(string name) => Path.Combine(Root, "samples", name);

        public static string Scenario(params string[] parts) => Path.Combine(new[] { Root, "scenarios" }.Concat(parts).ToArray());

        public static List<QualysFinding> Import(string path, ImportOptions? options = null)
        {
            using var import = ReportImport.Open(path, options);
            return import.ReadFindings().ToList();
        }
    }
}
