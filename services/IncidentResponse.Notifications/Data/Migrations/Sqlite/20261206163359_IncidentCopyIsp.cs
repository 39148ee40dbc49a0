using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Notifications.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncidentCopyIsp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "isp",
                table: "incidents",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "isp",
                table: "incidents");
        }
    }
}
