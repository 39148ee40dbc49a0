using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Notifications.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChatAndVoiceChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "channels",
                table: "people",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "provider_tokens",
                columns: table => new
                {
                    provider = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    access_token = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    refresh_token = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    access_token_expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    seeded_from = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provider_tokens", x => x.provider);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "provider_tokens");

            migrationBuilder.DropColumn(
                name: "channels",
                table: "people");
        }
    }
}
