namespace OrleansGan.Telemetry.Tests;

/// <summary>Files of this repository (dashboards, CI scripts), found from the test assembly's folder.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootFolder = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OrleansGan.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no OrleansGan.sln above {AppContext.BaseDirectory}");
    });

    public static string Root => RootFolder.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
