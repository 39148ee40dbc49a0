using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Notifications.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IncidentCopyIsp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "isp",
                schema: "notifications",
                table: "incidents",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "isp",
                schema: "notifications",
                table: "incidents");
        }
    }
}
