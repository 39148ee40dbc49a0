namespace IncidentResponse.Web.Tests.Playbooks;

/// <summary>A temporary playbooks directory holding a copy of the shipped playbooks, to break one file at a time.</summary>
internal sealed class PlaybookFolder : IDisposable
{
    private readonly TempDirectory _directory = new();

    public PlaybookFolder(bool withShipped = true)
    {
        if (withShipped)
        {
            foreach (var file in Directory.EnumerateFiles(Shipped, "*.md"))
            {
                File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
            }
        }
    }

    /// <summary>The playbooks copied beside the test assembly, as they are beside the Host.</summary>
    public static string Shipped => System.IO.Path.Combine(AppContext.BaseDirectory, "Playbooks");

    public string Path => _directory.Path;

    public PlaybookFolder Write(string fileName, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, fileName), text);
        return this;
    }

    public PlaybookFolder Delete(string fileName)
    {
        File.Delete(System.IO.Path.Combine(Path, fileName));
        return this;
    }

    public PlaybookFolder Replace(string fileName, string from, string to)
    {
        var path = System.IO.Path.Combine(Path, fileName);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
        return this;
    }

    /// <summary>A minimal valid playbook text in one language.</summary>
    public static string Text(string slug, string language, string classes, string body = "") =>
        $"---\nslug: {slug}\ntitle: T {slug} {language}\nclasses: [{classes}]\nversion: \"1\"\nupdated: 2026-11-26\n---\n\n# {slug}\n\n"
        + $"## {(language == "en" ? "First 15 minutes" : "15 phút đầu tiên")}\n\n1. Step one\n2. Step two\n\n{body}\n";

    public void Dispose() => _directory.Dispose();
}
