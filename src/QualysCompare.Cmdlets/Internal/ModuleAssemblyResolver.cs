using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace QualysCompare.Cmdlets.Internal
{
    /// <summary>
    /// Lets Windows PowerShell 5.1 load the module's own dependencies. The copies the module ships do
    /// not agree on versions (System.Memory asks for System.Runtime.CompilerServices.Unsafe 4.0.4.1 and
    /// System.Buffers 4.0.2.0; System.Text.Json 8 needs Unsafe 6.0.0.0 and the module ships Buffers
    /// 4.0.3.0). .NET, under PowerShell 7, accepts a higher version; .NET Framework refuses it, and a
    /// module has no app.config for binding redirects, so the load fails and AssemblyResolve is asked.
    /// This answers with the module's own copy when it is at least the version asked for, which is
    /// what .NET does by itself.
    /// </summary>
    public sealed class ModuleAssemblyResolver : IModuleAssemblyInitializer
    {
        private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleAssemblyResolver).Assembly.Location) ?? string.Empty;

        public void OnImport()
        {
            if (!BindsLikeNetFramework(RuntimeInformation.FrameworkDescription)) return;
            // Import-Module -Force runs this again in the same process: one subscription is enough.
            AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
            AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
        }

        /// <summary>True on .NET Framework, and on Mono, which implements its loader and is where the tests
        /// run this hook (tests/QualysCompare.Net472Host); false on .NET, which PowerShell 7 runs on.</summary>
        internal static bool BindsLikeNetFramework(string frameworkDescription) =>
            frameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal) || frameworkDescription.StartsWith("Mono ", StringComparison.Ordinal);

        private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
        {
            string? path = Locate(new AssemblyName(args.Name), ModuleFolder);
            return path == null ? null : Assembly.LoadFrom(path);
        }

        /// <summary>The module's copy of the assembly asked for, if the module ships one of the same
        /// name and public key whose version is at least the one asked for; otherwise null, so that other
        /// handlers and the runtime's own error still apply.</summary>
        internal static string? Locate(AssemblyName requested, string folder)
        {
            if (string.IsNullOrEmpty(requested.Name) || requested.Name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return null;
            string candidate = Path.Combine(folder, requested.Name + ".dll");
            if (!File.Exists(candidate)) return null;
            AssemblyName shipped;
            try
            {
                shipped = AssemblyName.GetAssemblyName(candidate);
            }
            catch (Exception e) when (e is BadImageFormatException || e is IOException)
            {
                return null;
            }
            if (requested.Version != null && shipped.Version != null && shipped.Version < requested.Version) return null;
            byte[]? wantedKey = requested.GetPublicKeyToken();
            if (wantedKey != null && wantedKey.Length > 0 && !SameBytes(wantedKey, shipped.GetPublicKeyToken())) return null;
            return candidate;
        }

        private static bool SameBytes(byte[] left, byte[]? right)
        {
            if (right == null || left.Length != right.Length) return false;
            for (int i = 0; i < left.Length; i++)
            {
                if (left[i] != right[i]) return false;
            }
            return true;
        }
    }
}
