using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Microsoft.PowerShell.Commands;

namespace QualysCompare.Cmdlets.Internal
{
    /// <summary>
    /// -Path / -LiteralPath resolution as Import-Csv does it: wildcards for Path, none for
    /// LiteralPath, FileSystem provider only. A path that resolves to nothing is a
    /// non-terminating error so the other inputs still import.
    /// </summary>
    internal static class FilePathResolver
    {
        public static IEnumerable<string> Resolve(PSCmdlet cmdlet, string[] paths, bool literal)
        {
            foreach (var path in paths)
            {
                var resolved = new List<string>();
                try
                {
                    if (literal)
                    {
                        string full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
                        if (!IsFileSystem(cmdlet, provider, path)) continue;
                        if (!File.Exists(full) && !Directory.Exists(full))
                        {
                            cmdlet.WriteError(new ErrorRecord(new ItemNotFoundException($"Cannot find path '{path}' because it does not exist."), "PathNotFound", ErrorCategory.ObjectNotFound, path));
                            continue;
                        }
                        resolved.Add(full);
                    }
                    else
                    {
                        var many = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider);
                        if (!IsFileSystem(cmdlet, provider, path)) continue;
                        resolved.AddRange(many);
                    }
                }
                catch (ItemNotFoundException e)
                {
                    cmdlet.WriteError(new ErrorRecord(e, "PathNotFound", ErrorCategory.ObjectNotFound, path));
                    continue;
                }
                catch (System.Management.Automation.DriveNotFoundException e)
                {
                    cmdlet.WriteError(new ErrorRecord(e, "PathNotFound", ErrorCategory.ObjectNotFound, path));
                    continue;
                }

                foreach (var full in resolved)
                {
                    if (Directory.Exists(full))
                    {
                        cmdlet.WriteError(new ErrorRecord(new IOException($"'{full}' is a folder. Pass the report files in it, for example '{Path.Combine(full, "*")}'."),
                            "PathIsFolder", ErrorCategory.InvalidArgument, full));
                        continue;
                    }
                    yield return full;
                }
            }
        }

        private static bool IsFileSystem(PSCmdlet cmdlet, ProviderInfo provider, string path)
        {
            if (provider.ImplementingType == typeof(FileSystemProvider)) return true;
            cmdlet.WriteError(new ErrorRecord(new PSArgumentException($"'{path}' is on the {provider.Name} provider; QualysCompare reads files only."),
                "PathNotFileSystem", ErrorCategory.InvalidArgument, path));
            return false;
        }
    }
}
