using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Notifications.Data.Migrations.Postgres
{
    /// <summary>Large values compressed with lz4 instead of pglz where the server has it (see <see cref="ToastCompression"/>); the model is unchanged.</summary>
    public partial class Lz4Compression : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.UseLz4("notifications", "notifications", "notice");
            migrationBuilder.UseLz4("notifications", "outbox_messages", "body");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.UseDefaultCompression("notifications", "notifications", "notice");
            migrationBuilder.UseDefaultCompression("notifications", "outbox_messages", "body");
        }
    }
}
