// The floor: answer each { id, x, y } message with { id, value }, nothing else.
addEventListener('message', ({ data: { id, x, y } }: MessageEvent) =>
  postMessage({ id, value: x + y }),
)
