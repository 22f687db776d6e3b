//! Teams, shifts and "need help" alerts.

use super::*;

pub(super) async fn apply<D: Db>(
    conn: &mut D::Connection,
    _tx: &mut Tx<'_, D>,
    op: &DispatchOp,
) -> StoreResult<()> {
    match op {
        DispatchOp::InsertTeam(t) => {
            sqlx::query::<D>(
                "INSERT INTO teams (id, name, status, status_at, lat, lon, checkin_at, position_at, base_lat, \
                 base_lon, version) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,1)",
            )
            .arg(t.id.to_string())
            .arg(&t.name)
            .arg(t.status.as_str())
            .arg(us(t.status_at))
            .arg(t.lat)
            .arg(t.lon)
            .arg(us_opt(t.checkin_at))
            .arg(us_opt(t.position_at))
            .arg(t.base_lat)
            .arg(t.base_lon)
            .exec(&mut *conn)
            .await
            .map_err(write_err("team name"))?;
        }
        DispatchOp::UpdateTeam(t) => {
            let r = sqlx::query::<D>(
                "UPDATE teams SET name = $1, status = $2, status_at = $3, lat = $4, lon = $5, checkin_at = $6, \
                 position_at = $9, base_lat = $10, base_lon = $11, version = version + 1 WHERE id = $7 AND version = $8",
            )
            .arg(&t.name)
            .arg(t.status.as_str())
            .arg(us(t.status_at))
            .arg(t.lat)
            .arg(t.lon)
            .arg(us_opt(t.checkin_at))
            .arg(t.id.to_string())
            .arg(t.version)
            .arg(us_opt(t.position_at))
            .arg(t.base_lat)
            .arg(t.base_lon)
            .exec(&mut *conn)
            .await
            .map_err(write_err("team name"))?;
            guarded(r)?;
        }
        DispatchOp::InsertShift(s) => insert_shift::<D>(conn, s, false).await?,
        DispatchOp::InsertAlert(a) => {
            sqlx::query::<D>(
                "INSERT INTO alerts (id, kind, team_id, request_id, lat, lon, created_at, cleared_at, cleared_by, \
                 position_source, position_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
            )
            .arg(a.id.to_string())
            .arg(a.kind.as_str())
            .arg(a.team_id.to_string())
            .arg(id_opt(&a.request_id))
            .arg(a.lat)
            .arg(a.lon)
            .arg(us(a.created_at))
            .arg(us_opt(a.cleared_at))
            .arg(&a.cleared_by)
            .arg(&a.position_source)
            .arg(us_opt(a.position_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("alert"))?;
        }
        DispatchOp::UpdateAlert(a) => {
            // A cleared alert keeps no position: where a team was on scene is the person's place.
            let r = sqlx::query::<D>(
                "UPDATE alerts SET cleared_at = $1, cleared_by = $2, lat = NULL, lon = NULL \
                 WHERE id = $3 AND cleared_at IS NULL",
            )
            .arg(us_opt(a.cleared_at))
            .arg(&a.cleared_by)
            .arg(a.id.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("alert"))?;
            guarded(r)?;
        }
    }
    Ok(())
}

/// A new shift; with `unless_made`, one whose team and start a pattern already made is left as it is (the rota's
/// slots, made by two nodes at once).
pub(crate) async fn insert_shift<D: Db>(
    conn: &mut D::Connection,
    s: &ShiftRow,
    unless_made: bool,
) -> StoreResult<()> {
    let sql = if unless_made {
        "INSERT INTO shifts (id, team_id, starts_at, ends_at, needed, from_pattern, version) \
         VALUES ($1,$2,$3,$4,$5,$6,1) ON CONFLICT DO NOTHING"
    } else {
        "INSERT INTO shifts (id, team_id, starts_at, ends_at, needed, from_pattern, version) \
         VALUES ($1,$2,$3,$4,$5,$6,1)"
    };
    sqlx::query::<D>(sql)
        .arg(s.id.to_string())
        .arg(s.team_id.to_string())
        .arg(us(s.starts_at))
        .arg(us(s.ends_at))
        .arg(s.needed)
        .arg(s.from_pattern)
        .exec(&mut *conn)
        .await
        .map_err(write_err("shift"))?;
    Ok(())
}

pub(super) fn team_row(row: &impl RowGet) -> StoreResult<TeamRow> {
    Ok(TeamRow {
        id: id(row, "id")?,
        name: get(row, "name")?,
        status: enum_of(row, "status", TeamStatus::parse)?,
        status_at: ts(row, "status_at")?,
        lat: get(row, "lat")?,
        lon: get(row, "lon")?,
        position_at: ts_o(row, "position_at")?,
        base_lat: get(row, "base_lat")?,
        base_lon: get(row, "base_lon")?,
        checkin_at: ts_o(row, "checkin_at")?,
        version: get(row, "version")?,
    })
}

pub(crate) fn shift_row(row: &impl RowGet) -> StoreResult<ShiftRow> {
    Ok(ShiftRow {
        id: id(row, "id")?,
        team_id: id(row, "team_id")?,
        starts_at: ts(row, "starts_at")?,
        ends_at: ts(row, "ends_at")?,
        needed: get(row, "needed")?,
        from_pattern: get(row, "from_pattern")?,
        version: get(row, "version")?,
    })
}

pub(super) fn alert_row(row: &impl RowGet) -> StoreResult<AlertRow> {
    Ok(AlertRow {
        id: id(row, "id")?,
        kind: enum_of(row, "kind", AlertKind::parse)?,
        team_id: id(row, "team_id")?,
        request_id: id_o(row, "request_id")?,
        lat: get(row, "lat")?,
        lon: get(row, "lon")?,
        position_source: get(row, "position_source")?,
        position_at: ts_o(row, "position_at")?,
        created_at: ts(row, "created_at")?,
        cleared_at: ts_o(row, "cleared_at")?,
        cleared_by: get(row, "cleared_by")?,
    })
}
