namespace MemScript.Tests.Compiler;

/// <summary>The repository's root folder (the one holding MemScript.sln), found from the test binaries upward.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "MemScript.sln")))
                return folder.FullName;
        }

        throw new InvalidOperationException("MemScript.sln not found above " + AppContext.BaseDirectory);
    }
}
