// Maps, as progressive enhancement: loaded (after Leaflet) only on pages with a map when a tile
// server is configured. Every page works without it: the address field, the list beside the map.
const L = window.L;
const settings = document.body.dataset;

/** Text as HTML (Leaflet's attribution is HTML; ours comes from the configuration as text). */
function escapeHtml(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span.innerHTML;
}

function newMap(container) {
  const [lat, lon] = (settings.mapCentre ?? "").split(",").map(Number);
  const map = L.map(container, {
    center: [lat, lon],
    zoom: Number(settings.mapZoom),
    zoomControl: false,
    attributionControl: false,
    keyboard: true,
  });
  L.control
    .zoom({
      zoomInTitle: container.dataset.zoomIn,
      zoomOutTitle: container.dataset.zoomOut,
    })
    .addTo(map);
  // Leaflet names a popup's close button in English: in the page's language instead.
  map.on("popupopen", (e) => {
    const close = e.popup.getElement()?.querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", container.dataset.closePopup);
  });
  L.control
    .attribution({ prefix: false })
    .addAttribution(escapeHtml(settings.mapAttribution ?? ""))
    .addTo(map);
  L.tileLayer(settings.mapTiles, { maxZoom: 19, crossOrigin: false }).addTo(map);
  return map;
}

function markerIcon() {
  return L.icon({
    iconUrl: settings.mapIcon,
    iconRetinaUrl: settings.mapIcon2x,
    shadowUrl: settings.mapShadow,
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    popupAnchor: [1, -34],
    tooltipAnchor: [16, -28],
    shadowSize: [41, 41],
  });
}

const round = (n) => Math.round(n * 1e6) / 1e6;

/** A map in a form: the marked point goes into the hidden lat/lon fields. */
function picker(group) {
  const container = group.querySelector(".halyq-map");
  const latInput = group.querySelector("[data-map-lat]");
  const lonInput = group.querySelector("[data-map-lon]");
  const status = group.querySelector("[data-map-status]");
  const clear = group.querySelector("[data-map-clear]");
  group.hidden = false;
  const map = newMap(container);
  let marker = null;

  function show(latlng) {
    if (latlng) {
      const lat = round(latlng.lat);
      const lon = round(L.Util.wrapNum(latlng.lng, [-180, 180], true));
      latInput.value = String(lat);
      lonInput.value = String(lon);
      status.textContent = clear.dataset.templateChosen
        .replace("{lat}", String(lat))
        .replace("{lon}", String(lon));
    } else {
      latInput.value = "";
      lonInput.value = "";
      status.textContent = clear.dataset.templateNone;
    }
    clear.hidden = !latlng;
  }

  function place(latlng) {
    if (marker) marker.setLatLng(latlng);
    else {
      marker = L.marker(latlng, {
        draggable: true,
        keyboard: true,
        alt: container.dataset.markerLabel,
        title: container.dataset.markerLabel,
        icon: markerIcon(),
      }).addTo(map);
      marker.on("dragend", () => show(marker.getLatLng()));
    }
    show(latlng);
  }

  if (latInput.value !== "" && lonInput.value !== "") {
    const start = L.latLng(Number(latInput.value), Number(lonInput.value));
    place(start);
    map.setView(start, Math.max(map.getZoom(), 15));
  } else show(null);

  map.on("click", (e) => place(e.latlng));
  // Enter or Space on the focused map marks its centre: the keyboard's "click".
  container.addEventListener("keydown", (e) => {
    if (e.target !== container || (e.key !== "Enter" && e.key !== " ")) return;
    e.preventDefault();
    place(map.getCenter());
  });
  clear.addEventListener("click", () => {
    if (marker) marker.remove();
    marker = null;
    show(null);
    container.focus();
  });
}

/** A map of a list's places: a marker per item with a point, its popup the item's first link. */
function points(wrapper) {
  const container = wrapper.querySelector(".halyq-map");
  const list = document.getElementById(container.dataset.mapList);
  const items = list ? [...list.querySelectorAll("[data-lat][data-lon]")] : [];
  wrapper.hidden = false;
  const map = newMap(container);
  const bounds = [];
  for (const item of items) {
    const latlng = L.latLng(Number(item.dataset.lat), Number(item.dataset.lon));
    const link = item.querySelector("a");
    const title = link ? link.textContent.trim() : "";
    const marker = L.marker(latlng, { keyboard: true, alt: title, title, icon: markerIcon() });
    if (link) {
      const popup = document.createElement("a");
      popup.className = "govuk-link";
      popup.href = link.href;
      popup.textContent = title;
      marker.bindPopup(popup);
    }
    marker.addTo(map);
    bounds.push(latlng);
  }
  if (bounds.length > 0) map.fitBounds(L.latLngBounds(bounds), { padding: [24, 24], maxZoom: 15 });
}

if (L && settings.mapTiles) {
  for (const group of document.querySelectorAll('[data-halyq-map="picker"]')) picker(group);
  for (const wrapper of document.querySelectorAll('[data-halyq-map="points"]')) points(wrapper);
}
