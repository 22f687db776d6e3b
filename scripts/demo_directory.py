#!/usr/bin/env python3
"""Builds heart's Cambridge demo directory (HSDS 3.0 JSON) from the City of Cambridge's public GIS layers
(community assets, health clinics, hospitals, emergency shelters; PDDL 1.0) plus the services our stories name.

Run from the repository root with the GIS folder as argument:
    python3 scripts/demo_directory.py ../shared/data/cambridge_gis > crates/heart-app/data/directory-demo/services.json
Ids are UUIDv5 under heart's namespace, so the output is the same every time.
"""
import json, sys, uuid

NS = uuid.UUID("6a0f3c1e-9b2d-4e57-8a61-0d4c7e29b815")
def sid(table, key): return str(uuid.uuid5(NS, f"{table}:{key}"))
def term(code): return sid("heart-taxonomy-term", code)
DEMO = "Demo data for trying heart: the place is real (City of Cambridge open data); check details before relying on them."

gis = sys.argv[1]
def layer(name): return json.load(open(f"{gis}/{name}"))["features"]

services = []
def service(key, org_name, org_desc, name, desc, lon, lat, address, codes, phone=None, hours=None, zip_code=None):
    s = sid("demo-service", key)
    org = sid("demo-organization", org_name)
    loc = sid("demo-location", key)
    location = {
        "id": loc, "organization_id": org, "location_type": "physical", "name": org_name,
        "latitude": round(lat, 6), "longitude": round(lon, 6),
        "addresses": [{"id": sid("demo-address", key), "location_id": loc, "address_1": address, "city": "Cambridge",
                       "state_province": "MA", "postal_code": zip_code or "", "country": "US", "address_type": "physical"}],
    }
    svc = {
        "id": s, "organization_id": org, "name": name, "description": desc, "status": "active", "alert": DEMO,
        "organization": {"id": org, "name": org_name, "description": org_desc},
        "attributes": [{"id": sid("heart-attribute", f"{s}:{c}"), "link_id": s, "link_type": "service",
                        "link_entity": "service", "taxonomy_term_id": term(c)} for c in codes],
        "service_at_locations": [{"id": sid("demo-sal", key), "service_id": s, "location_id": loc, "location": location}],
    }
    if phone:
        svc["phones"] = [{"id": sid("demo-phone", key), "service_id": s, "number": phone}]
    if hours:
        svc["schedules"] = [dict(id=sid("demo-schedule", f"{key}:{i}"), service_id=s, freq="WEEKLY", wkst="MO",
                                 timezone_name="America/New_York", **h) for i, h in enumerate(hours)]
    services.append(svc)

ASSET = {"Arts & Culture": ["community"], "Community Center": ["community"], "Health Care": ["medical"],
         "Community Resource": ["community"], "Employment Program": ["community", "money"]}
for f in layer("CDD__Community_Assets__CDD_CommunityAssets.geojson"):
    p = f["properties"]; lon, lat = f["geometry"]["coordinates"]
    if p["Organization"] == "Margaret Fuller House":
        continue
    service(f"asset:{p['Organization']}:{p['Address']}", p["Organization"], f"{p['AssetType']} in {p['Neighborhood']}, Cambridge.",
            p["Organization"], f"{p['AssetType']} in {p['Neighborhood']}, Cambridge (City of Cambridge community assets).",
            lon, lat, p["Address"], ASSET.get(p["AssetType"], ["community"]))
for f in layer("Health__Health_Clinics__HEALTH_HealthClinics.geojson"):
    p = f["properties"]; lon, lat = f["geometry"]["coordinates"]
    service(f"clinic:{p['SITE_NAME']}", p["SITE_NAME"], "Health clinic in Cambridge.", p["SITE_NAME"],
            "Health clinic (City of Cambridge health clinics layer).", lon, lat, p["ADDRESS"], ["medical"], p.get("PHONE"))
for f in layer("Health__Hospitals__HEALTH_Hospitals.geojson"):
    p = f["properties"]; lon, lat = f["geometry"]["coordinates"]
    service(f"hospital:{p['SITE_NAME']}", p["SITE_NAME"], "Hospital in Cambridge.", p["SITE_NAME"],
            "Hospital with an emergency department (City of Cambridge hospitals layer).", lon, lat, p["ADDRESS"], ["medical"], p.get("PHONE"))
for f in layer("Public_Safety__Emergency_Shelters__PUBLICSAFETY_EmergencyShelters.geojson"):
    p = f["properties"]; lon, lat = f["geometry"]["coordinates"]
    service(f"evac:{p['Name']}", p["Name"], "A City of Cambridge building listed as an emergency evacuation site.",
            f"{p['Name']}: emergency evacuation site",
            f"Opened by the city in a disaster (capacity {p.get('SHEL_CAP') or p.get('Capacity') or 'not given'}). Not a nightly shelter: no beds on ordinary nights.",
            lon, lat, p["Address"], ["evacuation-site"], p.get("Phone"), zip_code=p.get("ZipCode"))
mf = next(f for f in layer("CDD__Community_Assets__CDD_CommunityAssets.geojson") if f["properties"]["Organization"] == "Margaret Fuller House")
lon, lat = mf["geometry"]["coordinates"]
MF = "Margaret Fuller Neighborhood House"
MFD = "A settlement house in The Port, 71 Cherry St, Cambridge: food pantry, family support, help with bills."
service("mf:pantry", MF, MFD, "Food pantry", "Groceries to take home, no questions asked. Bring a bag if you can.",
        lon, lat, "71 Cherry St", ["food-pantry", "free", "no-id", "spanish"], None,
        [{"byday": "TU,TH", "opens_at": "10:00", "closes_at": "13:00"}, {"byday": "WE", "opens_at": "16:00", "closes_at": "19:00"}], "02139")
service("mf:arrears", MF, MFD, "Help with utility arrears",
        "Help paying gas, electric and phone arrears; connection to fuel assistance and longer-term support.",
        lon, lat, "71 Cherry St", ["utility-arrears", "free"], None,
        [{"byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"}], "02139")
json.dump(services, sys.stdout, indent=1, ensure_ascii=False)
print()
