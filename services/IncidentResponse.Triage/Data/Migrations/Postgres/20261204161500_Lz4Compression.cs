using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Postgres
{
    /// <summary>Large values compressed with lz4 instead of pglz where the server has it (see <see cref="ToastCompression"/>); the model is unchanged.</summary>
    public partial class Lz4Compression : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.UseLz4("triage", "timeline_entries", "data");
            migrationBuilder.UseLz4("triage", "outbox_messages", "body");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.UseDefaultCompression("triage", "timeline_entries", "data");
            migrationBuilder.UseDefaultCompression("triage", "outbox_messages", "body");
        }
    }
}
